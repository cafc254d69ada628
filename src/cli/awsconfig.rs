//! The one setting lkms reads from the AWS CLI's config file:
//! `cli_binary_format`, from `$AWS_CONFIG_FILE` (else `~/.aws/config`), in
//! the `[default]` section or, with `--profile NAME` / `$AWS_PROFILE`, in
//! `[profile NAME]`, as the AWS CLI reads it. Nothing else of the file is
//! read: lkms has no use for credentials or regions of AWS.

use std::path::PathBuf;

use super::args::{BinaryFormat, GlobalArgs};
use super::exit::{CliError, CliResult};

/// The config file the AWS CLI would read.
fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("AWS_CONFIG_FILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".aws").join("config"))
}

/// The profile in use: `--profile`, else `$AWS_PROFILE`, else `default`.
pub fn profile(global: &GlobalArgs) -> String {
    global
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()))
        .unwrap_or_else(|| "default".to_owned())
}

/// `key` in the profile's section of an INI text, as the AWS CLI's config
/// parser finds it.
fn setting(text: &str, profile: &str, key: &str) -> Option<String> {
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim();
            let named = name
                .strip_prefix("profile")
                .filter(|rest| rest.starts_with(char::is_whitespace))
                .map(str::trim);
            in_section = match named {
                Some(n) => n == profile,
                None => name == "default" && profile == "default",
            };
            continue;
        }
        if !in_section {
            continue;
        }
        if let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return Some(v.trim().to_owned());
        }
    }
    None
}

/// How inline blobs are read: `--cli-binary-format`, else the config
/// file's `cli_binary_format`, else base64 (AWS CLI v2's default).
pub fn binary_format(global: &GlobalArgs) -> CliResult<BinaryFormat> {
    if let Some(f) = global.cli_binary_format {
        return Ok(f);
    }
    let Some(path) = config_path() else {
        return Ok(BinaryFormat::Base64);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(BinaryFormat::Base64);
    };
    match setting(&text, &profile(global), "cli_binary_format").as_deref() {
        None | Some("base64") => Ok(BinaryFormat::Base64),
        Some("raw-in-base64-out") => Ok(BinaryFormat::RawInBase64Out),
        Some(other) => Err(CliError::Param(format!(
            "cli_binary_format = {other} in {}: expected base64 or raw-in-base64-out",
            path.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::setting;

    #[test]
    fn finds_the_key_in_the_profile_section() {
        let text = "[default]\nregion = eu-west-1\ncli_binary_format=raw-in-base64-out\n\
                    [profile ci]\n# comment\ncli_binary_format = base64\n[sso-session x]\n";
        assert_eq!(
            setting(text, "default", "cli_binary_format").as_deref(),
            Some("raw-in-base64-out")
        );
        assert_eq!(
            setting(text, "ci", "cli_binary_format").as_deref(),
            Some("base64")
        );
        assert_eq!(setting(text, "other", "cli_binary_format"), None);
        assert_eq!(
            setting("[profile default]\na = b\n", "default", "a").as_deref(),
            Some("b")
        );
        assert_eq!(setting("[profilex]\na = b\n", "x", "a"), None);
    }
}
