//! Automatic pagination, as the AWS CLI v2 does it for list operations.
//!
//! By default every page is fetched (the library's `Limit`/`Marker`) and one
//! merged response is printed, without `Truncated` and `NextMarker`.
//! `--no-paginate`, or the API's own `--limit`/`--marker`, print one page as
//! the library returns it. `--max-items N` stops after N items and prints a
//! `NextToken` that `--starting-token` resumes from; the token is the
//! botocore one: the marker of the page it stopped in and how many items of
//! that page were already printed.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::args::PageArgs;
use super::exit::{CliError, CliResult};

/// Where a listing starts: a marker, and items of that page to skip.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Start {
    marker: Option<String>,
    skip: usize,
}

/// Decodes `--starting-token` (before the keyring is opened, so a bad token
/// fails as a bad parameter).
pub fn start(p: &PageArgs) -> CliResult<Start> {
    let Some(token) = p.starting_token.as_deref() else {
        return Ok(Start::default());
    };
    let bad = || {
        CliError::Param(format!(
            "--starting-token {token:?}: not a NextToken of lkms"
        ))
    };
    let bytes = STANDARD.decode(token.trim()).map_err(|_| bad())?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    if !v.is_object() {
        return Err(bad());
    }
    let marker = match v.get("Marker") {
        None | Some(Value::Null) => None,
        Some(Value::String(m)) => Some(m.clone()),
        Some(_) => return Err(bad()),
    };
    let skip = match v.get("boto_truncate_amount") {
        None => 0,
        Some(n) => n
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(bad)?,
    };
    Ok(Start { marker, skip })
}

fn token(marker: Option<&str>, skip: usize) -> String {
    let mut t = json!({ "Marker": marker });
    if skip > 0 {
        t["boto_truncate_amount"] = json!(skip);
    }
    STANDARD.encode(t.to_string())
}

fn object<T: Serialize>(page: T) -> lkms::Result<Map<String, Value>> {
    match serde_json::to_value(page) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Err(lkms::Error::validation(format!(
            "rendering the response: not an object: {other}"
        ))),
        Err(e) => Err(lkms::Error::validation(format!(
            "rendering the response: {e}"
        ))),
    }
}

/// Runs a list operation as the AWS CLI would: `fetch(limit, marker)` is
/// one call of the library; `key` names the response's list (`Keys`).
pub fn list<T: Serialize>(
    p: &PageArgs,
    start: &Start,
    key: &str,
    mut fetch: impl FnMut(Option<u32>, Option<&str>) -> lkms::Result<T>,
) -> lkms::Result<Value> {
    // The API's own paging parameters mean the caller pages by hand.
    if p.no_paginate || p.limit.is_some() || p.marker.is_some() {
        return object(fetch(p.limit.or(p.page_size), p.marker.as_deref())?).map(Value::Object);
    }
    let mut marker = start.marker.clone();
    let mut skip = start.skip;
    let mut merged: Option<Map<String, Value>> = None;
    let mut items: Vec<Value> = Vec::new();
    let mut next_token = None;
    loop {
        let mut page = object(fetch(p.page_size, marker.as_deref())?)?;
        let next = match page.remove("NextMarker") {
            Some(Value::String(m)) => Some(m),
            _ => None,
        };
        let truncated = page.remove("Truncated").and_then(|t| t.as_bool());
        let page_items = match page.insert(key.to_owned(), Value::Array(Vec::new())) {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        };
        merged.get_or_insert(page);
        let mut consumed = 0;
        for item in page_items {
            if consumed < skip {
                consumed += 1;
                continue;
            }
            if p.max_items.is_some_and(|max| items.len() >= max as usize) {
                next_token = Some(token(marker.as_deref(), consumed));
                break;
            }
            items.push(item);
            consumed += 1;
        }
        skip = skip.saturating_sub(consumed);
        if next_token.is_some() {
            break;
        }
        match next {
            Some(m) if truncated != Some(false) && marker.as_deref() != Some(m.as_str()) => {
                if p.max_items.is_some_and(|max| items.len() >= max as usize) {
                    next_token = Some(token(Some(&m), 0));
                    break;
                }
                marker = Some(m);
            }
            _ => break,
        }
    }
    let mut merged = merged.unwrap_or_default();
    merged.insert(key.to_owned(), Value::Array(items));
    if let Some(t) = next_token {
        merged.insert("NextToken".to_owned(), Value::String(t));
    }
    Ok(Value::Object(merged))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(max_items: Option<u32>, starting_token: Option<String>) -> PageArgs {
        PageArgs {
            limit: None,
            marker: None,
            no_paginate: false,
            page_size: Some(3),
            max_items,
            starting_token,
        }
    }

    /// A fake list operation over 0..n, paged by value.
    fn fake(n: u32) -> impl FnMut(Option<u32>, Option<&str>) -> lkms::Result<Value> {
        move |limit, marker| {
            let after: Option<u32> = marker.map(|m| m.parse().expect("marker"));
            let rest: Vec<u32> = (0..n).filter(|i| after.is_none_or(|a| *i > a)).collect();
            let limit = limit.unwrap_or(100) as usize;
            let page: Vec<u32> = rest.iter().copied().take(limit).collect();
            let more = rest.len() > limit;
            let mut v = json!({ "Items": page, "Truncated": more });
            if more {
                v["NextMarker"] = json!(page.last().expect("page").to_string());
            }
            Ok(v)
        }
    }

    #[test]
    fn merges_every_page_without_paging_fields() {
        let v = list(&args(None, None), &Start::default(), "Items", fake(10)).expect("list");
        assert_eq!(v, json!({ "Items": (0..10).collect::<Vec<_>>() }));
    }

    #[test]
    fn max_items_and_starting_token_walk_everything_once() {
        for max in 1..12 {
            let mut seen = Vec::new();
            let mut tok = None;
            loop {
                let p = args(Some(max), tok.clone());
                let v = list(&p, &start(&p).expect("token"), "Items", fake(10)).expect("list");
                let items = v["Items"].as_array().expect("items");
                assert!(items.len() <= max as usize);
                seen.extend(items.iter().map(|i| i.as_u64().expect("n")));
                match v.get("NextToken") {
                    Some(t) => tok = Some(t.as_str().expect("token").to_owned()),
                    None => break,
                }
            }
            assert_eq!(seen, (0..10).collect::<Vec<_>>(), "max {max}");
        }
    }

    #[test]
    fn bad_tokens_are_refused() {
        assert!(start(&args(None, Some("!!".into()))).is_err());
        assert!(start(&args(None, Some(STANDARD.encode("[1]")))).is_err());
        assert!(start(&args(None, Some(STANDARD.encode("{\"Marker\":1}")))).is_err());
    }
}
