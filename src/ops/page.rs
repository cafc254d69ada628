//! Pagination as AWS list operations do it: `Limit`, an opaque `Marker`,
//! and `Truncated` / `NextMarker` in the response.

use crate::error::{Error, Result};

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The marker to pass for the next page, when there is one.
    pub next_marker: Option<String>,
}

/// The default and largest page sizes, as AWS has them.
const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

/// The page size a request asks for, checked against AWS's range.
pub fn limit_of(limit: Option<u32>) -> Result<usize> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Error::validation(format!(
            "limit {limit} is out of range: 1 to {MAX_LIMIT}"
        )));
    }
    Ok(limit as usize)
}

/// Checks that a marker could have come from a previous page.
pub fn check_marker(marker: Option<&str>) -> Result<()> {
    match marker {
        Some(m) if m.is_empty() || m.len() > 1024 => {
            Err(Error::InvalidMarker(format!("marker {m:?} is not valid")))
        }
        _ => Ok(()),
    }
}

/// Pages `items` by a stable sort key: the marker is the sort key of the last
/// item returned, so deletions between calls never skip or repeat an item.
pub fn paginate<T>(
    mut items: Vec<T>,
    sort_key: impl Fn(&T) -> String,
    limit: Option<u32>,
    marker: Option<&str>,
) -> Result<Page<T>> {
    let limit = limit_of(limit)?;
    check_marker(marker)?;
    items.sort_by_key(|i| sort_key(i));
    if let Some(m) = marker {
        items.retain(|i| sort_key(i).as_str() > m);
    }
    let truncated = items.len() > limit;
    items.truncate(limit);
    let next_marker = if truncated {
        items.last().map(sort_key)
    } else {
        None
    };
    Ok(Page { items, next_marker })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_everything_once() {
        let items: Vec<u32> = (0..7).collect();
        let key = |i: &u32| format!("{i:03}");
        let mut seen = Vec::new();
        let mut marker = None;
        loop {
            let page = paginate(items.clone(), key, Some(3), marker.as_deref()).expect("page");
            seen.extend(page.items);
            match page.next_marker {
                Some(m) => marker = Some(m),
                None => break,
            }
        }
        assert_eq!(seen, items);
        assert!(paginate(items.clone(), key, Some(0), None).is_err());
        assert!(paginate(items, key, Some(1001), None).is_err());
    }
}
