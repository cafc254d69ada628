//! The AWS CLI's global options and habits (issue 13: an `aws kms` script
//! ports by changing the command name): automatic pagination, the global
//! options scripts pass, `file://` parameters, legacy JMESPath literals.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::env::{TestEnv, env_with_keyring, str_field};

/// A keyring with `n` keys; returns the environment and the key ids.
fn keyring_with_keys(n: usize) -> (TestEnv, BTreeSet<String>) {
    let env = env_with_keyring();
    let ids: BTreeSet<String> = (0..n).map(|_| env.create_key()).collect();
    assert_eq!(ids.len(), n);
    (env, ids)
}

fn key_ids(v: &Value) -> Vec<String> {
    v["Keys"]
        .as_array()
        .unwrap_or_else(|| panic!("no Keys: {v}"))
        .iter()
        .map(|k| str_field(k, "KeyId"))
        .collect()
}

#[test]
fn list_keys_fetches_every_page_and_pages_as_the_aws_cli() {
    let (env, ids) = keyring_with_keys(105);

    // By default: every key, one merged response, no paging fields.
    let all = env.json(["list-keys"]);
    assert_eq!(key_ids(&all).len(), 105, "{all}");
    assert_eq!(key_ids(&all).into_iter().collect::<BTreeSet<_>>(), ids);
    assert!(all.get("Truncated").is_none(), "{all}");
    assert!(all.get("NextMarker").is_none(), "{all}");

    // --output text: one KEYS line per key and no stray `False` line.
    let text = env.ok(["--output", "text", "list-keys"]).stdout;
    assert_eq!(text.lines().count(), 105, "{text}");
    assert!(text.lines().all(|l| l.starts_with("KEYS\t")), "{text}");
    let ids_text = env
        .ok(["list-keys", "--output", "text", "--query", "Keys[].KeyId"])
        .stdout;
    assert_eq!(ids_text.split_whitespace().count(), 105, "{ids_text}");

    // --page-size is the Limit of each underlying call: same result.
    let small = env.json(["list-keys", "--page-size", "7"]);
    assert_eq!(key_ids(&small), key_ids(&all));

    // --no-paginate: one page, as the API returns it.
    let one = env.json(["list-keys", "--no-paginate"]);
    assert_eq!(key_ids(&one).len(), 100, "{one}");
    assert_eq!(one["Truncated"], true, "{one}");
    assert!(one["NextMarker"].is_string(), "{one}");
    let one = env.json(["list-keys", "--no-paginate", "--page-size", "5"]);
    assert_eq!(key_ids(&one).len(), 5, "{one}");

    // An explicit --limit or --marker pages by hand, as before.
    let page = env.json(["list-keys", "--limit", "10"]);
    assert_eq!(key_ids(&page).len(), 10);
    assert_eq!(page["Truncated"], true);
    let next = env.json(["list-keys", "--marker", &str_field(&page, "NextMarker")]);
    assert_eq!(key_ids(&next).len(), 95, "{next}");
    assert_eq!(next["Truncated"], false, "{next}");

    // --max-items and --starting-token walk every key exactly once.
    for (max, page_size) in [("40", None), ("7", Some("3")), ("105", None)] {
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        let mut runs = 0;
        loop {
            let mut args = vec!["list-keys", "--max-items", max];
            if let Some(p) = page_size {
                args.extend(["--page-size", p]);
            }
            if let Some(t) = &token {
                args.extend(["--starting-token", t]);
            }
            let v = env.json(&args);
            runs += 1;
            let got = key_ids(&v);
            assert!(got.len() <= max.parse().unwrap(), "{v}");
            assert!(v.get("Truncated").is_none() && v.get("NextMarker").is_none());
            seen.extend(got);
            match v.get("NextToken") {
                Some(t) => token = Some(t.as_str().expect("NextToken").to_owned()),
                None => break,
            }
            assert!(runs < 100, "--starting-token does not end");
        }
        assert_eq!(seen.len(), 105, "max {max}: {seen:?}");
        assert_eq!(seen.into_iter().collect::<BTreeSet<_>>(), ids, "max {max}");
    }

    // A token lkms did not make is a bad parameter.
    env.run(["list-keys", "--starting-token", "not a token"])
        .failure(crate::env::EXIT_INVALID_VALUE, "ValidationException");
}

#[test]
fn other_list_commands_merge_their_pages() {
    let env = env_with_keyring();
    let key = env.create_key();
    let tags: Vec<String> = (0..12)
        .map(|i| format!("TagKey=k{i:02},TagValue=v{i}"))
        .collect();
    let mut args = vec!["tag-resource", "--key-id", &key, "--tags"];
    args.extend(tags.iter().map(String::as_str));
    env.ok(args);
    for i in 0..3 {
        env.ok([
            "create-alias",
            "--alias-name",
            &format!("alias/a{i}"),
            "--target-key-id",
            &key,
        ]);
    }
    let v = env.json(["list-resource-tags", "--key-id", &key, "--page-size", "5"]);
    assert_eq!(v["Tags"].as_array().map(Vec::len), Some(12), "{v}");
    assert!(v.get("Truncated").is_none(), "{v}");
    let v = env.json(["list-resource-tags", "--key-id", &key, "--max-items", "5"]);
    assert_eq!(v["Tags"].as_array().map(Vec::len), Some(5), "{v}");
    assert!(v["NextToken"].is_string(), "{v}");
    let v = env.json(["list-aliases", "--page-size", "1"]);
    assert_eq!(v["Aliases"].as_array().map(Vec::len), Some(3), "{v}");
    let v = env.json(["list-key-policies", "--key-id", &key]);
    assert_eq!(v, serde_json::json!({"PolicyNames": ["default"]}));
}
