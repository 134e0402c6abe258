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

/// A time as a customer reads it: in their time zone, written as their language writes
/// it, the zone named ("2026年12月2日 10:15（日本時間）", "2026-12-02 01:15 UTC").
pub fn format_time_for(
    unix: i64,
    lang: keydesk_domain::identity::language::Language,
    zone: keydesk_domain::identity::time_zone::TimeZone,
) -> String {
    use keydesk_domain::identity::language::Language;
    use keydesk_domain::identity::time_zone::TimeZone;
    let Ok(at) = jiff::Timestamp::from_second(unix) else {
        return String::new();
    };
    let tz = jiff::tz::TimeZone::get(zone.name()).unwrap_or(jiff::tz::TimeZone::UTC);
    let t = at.to_zoned(tz);
    let abbreviation = t.time_zone().to_offset_info(at).abbreviation().to_string();
    match (lang, zone == TimeZone::JAPAN) {
        (Language::Ja, true) => format!("{}（日本時間）", t.strftime("%Y年%-m月%-d日 %H:%M")),
        (Language::Ja, false) => {
            format!("{}（{abbreviation}）", t.strftime("%Y年%-m月%-d日 %H:%M"))
        }
        (Language::En, _) => format!("{} {abbreviation}", t.strftime("%Y-%m-%d %H:%M")),
    }
}

/// Seconds east of UTC in `zone` at `unix` (daylight saving included).
pub fn offset_at(unix: i64, zone: keydesk_domain::identity::time_zone::TimeZone) -> i64 {
    let tz = jiff::tz::TimeZone::get(zone.name()).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_second(unix)
        .map(|at| i64::from(tz.to_offset(at).seconds()))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::format_time_for;
    use keydesk_domain::identity::language::Language;
    use keydesk_domain::identity::time_zone::TimeZone;

    #[test]
    fn times_are_written_in_the_readers_zone_and_language() {
        // 2026-12-01 20:18 UTC is already the 2nd in Japan.
        let t = 1_796_156_280;
        let en = TimeZone::default_for(Language::En);
        let ja = TimeZone::default_for(Language::Ja);
        assert_eq!(format_time_for(t, Language::En, en), "2026-12-01 20:18 UTC");
        assert_eq!(
            format_time_for(t, Language::Ja, ja),
            "2026年12月2日 05:18（日本時間）"
        );
        // A zone with daylight saving follows its rules: New York is on EST in December.
        let ny = TimeZone::parse("America/New_York").unwrap();
        assert_eq!(format_time_for(t, Language::En, ny), "2026-12-01 15:18 EST");
        assert_eq!(
            format_time_for(t, Language::En, TimeZone::JAPAN),
            "2026-12-02 05:18 JST"
        );
    }
}
