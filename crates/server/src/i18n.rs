//! Every customer-visible text, in English and Japanese, from the Fluent files in
//! `locales/{en,ja}/`: one file per feature plus `common`, `errors` and `mail`. The files
//! are compiled in, and a test checks that each file has exactly the same messages in
//! both languages.
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use keydesk_domain::identity::language::Language;
use std::borrow::Cow;

/// The same files, in the same order, for each language.
macro_rules! locale_files {
    ($lang:literal) => {
        &[
            (
                "common",
                include_str!(concat!("../../../locales/", $lang, "/common.ftl")),
            ),
            (
                "errors",
                include_str!(concat!("../../../locales/", $lang, "/errors.ftl")),
            ),
            (
                "mail",
                include_str!(concat!("../../../locales/", $lang, "/mail.ftl")),
            ),
            (
                "accounts",
                include_str!(concat!("../../../locales/", $lang, "/accounts.ftl")),
            ),
            (
                "sessions",
                include_str!(concat!("../../../locales/", $lang, "/sessions.ftl")),
            ),
            (
                "twofactor",
                include_str!(concat!("../../../locales/", $lang, "/twofactor.ftl")),
            ),
            (
                "photos",
                include_str!(concat!("../../../locales/", $lang, "/photos.ftl")),
            ),
            (
                "admin",
                include_str!(concat!("../../../locales/", $lang, "/admin.ftl")),
            ),
            (
                "help",
                include_str!(concat!("../../../locales/", $lang, "/help.ftl")),
            ),
            (
                "desk",
                include_str!(concat!("../../../locales/", $lang, "/desk.ftl")),
            ),
            (
                "verification",
                include_str!(concat!("../../../locales/", $lang, "/verification.ftl")),
            ),
            (
                "twofactor_reset",
                include_str!(concat!("../../../locales/", $lang, "/twofactor_reset.ftl")),
            ),
        ]
    };
}

const EN: &[(&str, &str)] = locale_files!("en");
const JA: &[(&str, &str)] = locale_files!("ja");

pub struct I18n {
    en: FluentBundle<FluentResource>,
    ja: FluentBundle<FluentResource>,
}

#[derive(Debug, thiserror::Error)]
#[error("locale {lang}: {message}")]
pub struct I18nError {
    lang: &'static str,
    message: String,
}

impl I18n {
    pub fn load() -> Result<Self, I18nError> {
        Ok(Self {
            en: bundle(Language::En, EN)?,
            ja: bundle(Language::Ja, JA)?,
        })
    }

    fn bundle_for(&self, lang: Language) -> &FluentBundle<FluentResource> {
        match lang {
            Language::En => &self.en,
            Language::Ja => &self.ja,
        }
    }

    pub fn t(&self, lang: Language, key: &str) -> String {
        self.format(lang, key, None)
    }

    pub fn t_args(&self, lang: Language, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        self.format(lang, key, Some(&fargs))
    }

    fn format(&self, lang: Language, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle_for(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing translation");
            return key.to_owned();
        };
        let mut errors = vec![];
        let text: Cow<'_, str> = bundle.format_pattern(pattern, args, &mut errors);
        text.into_owned()
    }

    pub fn has(&self, lang: Language, key: &str) -> bool {
        self.bundle_for(lang).has_message(key)
    }
}

fn bundle(
    lang: Language,
    sources: &[(&str, &str)],
) -> Result<FluentBundle<FluentResource>, I18nError> {
    let code = lang.code();
    let langid = code.parse().map_err(|_| I18nError {
        lang: code,
        message: "bad language id".into(),
    })?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Unicode isolation marks would show up inside HTML attributes and mail subjects.
    bundle.set_use_isolating(false);
    for (file, source) in sources {
        let resource =
            FluentResource::try_new((*source).to_owned()).map_err(|(_, errs)| I18nError {
                lang: code,
                message: format!("{file}.ftl: {errs:?}"),
            })?;
        // A message id defined in two files is refused here, not silently shadowed.
        bundle.add_resource(resource).map_err(|errs| I18nError {
            lang: code,
            message: format!("{file}.ftl: {errs:?}"),
        })?;
    }
    Ok(bundle)
}

/// The message ids of a Fluent source, for the completeness test.
#[cfg(test)]
fn ids(source: &str) -> std::collections::BTreeSet<String> {
    source
        .lines()
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
        .filter(|id| {
            !id.is_empty()
                && !id.starts_with('#')
                && !id.starts_with(' ')
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages() {
        let mut all = 0;
        for ((file, en), (ja_file, ja)) in EN.iter().zip(JA) {
            assert_eq!(file, ja_file);
            let (en, ja) = (ids(en), ids(ja));
            let only_en: Vec<_> = en.difference(&ja).collect();
            let only_ja: Vec<_> = ja.difference(&en).collect();
            assert!(
                only_en.is_empty() && only_ja.is_empty(),
                "{file}.ftl: only en: {only_en:?}; only ja: {only_ja:?}"
            );
            assert!(!en.is_empty(), "{file}.ftl is empty");
            all += en.len();
        }
        assert!(all > 50);
        I18n::load().expect("no message id is defined twice");
    }

    #[test]
    fn formats_with_arguments() {
        let i = I18n::load().unwrap();
        let s = i.t_args(
            Language::Ja,
            "mail-recovery-used-body",
            &[("remaining", 3.into())],
        );
        assert!(s.contains('3'), "{s}");
        assert_ne!(
            i.t(Language::Ja, "login-title"),
            i.t(Language::En, "login-title")
        );
    }
}
