pub fn format_time(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second]Z"
            ))
            .ok()
        })
        .unwrap_or_default()
}

/// A time as a customer reads it: in their time zone (see
/// [`keydesk_domain::identity::time_zone`]), written as their language writes it, the
/// zone named ("2026年12月2日 10:15（日本時間）", "2026-12-02 01:15 UTC").
pub fn format_time_for(unix: i64, lang: keydesk_domain::identity::language::Language) -> String {
    use keydesk_domain::identity::language::Language;
    use keydesk_domain::identity::time_zone::TimeZone;
    let zone = TimeZone::default_for(lang);
    let offset =
        time::UtcOffset::from_whole_seconds(zone.offset_seconds()).unwrap_or(time::UtcOffset::UTC);
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(unix) else {
        return String::new();
    };
    let t = t.to_offset(offset);
    let written = match lang {
        Language::Ja => t.format(&time::macros::format_description!(
            "[year]年[month padding:none]月[day padding:none]日 [hour]:[minute]"
        )),
        Language::En => t.format(&time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute]"
        )),
    };
    let zone_name = match (lang, zone) {
        (Language::Ja, TimeZone::Japan) => "（日本時間）",
        (_, TimeZone::Japan) => " JST",
        (Language::Ja, TimeZone::Utc) => "（協定世界時）",
        (_, TimeZone::Utc) => " UTC",
    };
    written.map(|w| w + zone_name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::format_time_for;
    use keydesk_domain::identity::language::Language;

    #[test]
    fn times_are_written_in_the_readers_zone_and_language() {
        // 2026-12-01 20:18 UTC is already the 2nd in Japan.
        let t = 1_796_156_280;
        assert_eq!(format_time_for(t, Language::En), "2026-12-01 20:18 UTC");
        assert_eq!(
            format_time_for(t, Language::Ja),
            "2026年12月2日 05:18（日本時間）"
        );
    }
}
