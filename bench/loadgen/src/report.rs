//! What a run measured, and the JSON report of it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};

/// What one connection saw in the measured phase.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Latency of each successful request, in nanoseconds.
    pub latencies: Vec<u64>,
    /// Failed requests by AWS `__type` (or a transport error's kind).
    pub errors: BTreeMap<String, u64>,
    /// Requests sent, by operation name.
    pub operations: BTreeMap<&'static str, u64>,
}

impl Tally {
    /// Adds another connection's tally to this one.
    pub fn merge(&mut self, other: Tally) {
        self.latencies.extend(other.latencies);
        for (k, v) in other.errors {
            *self.errors.entry(k).or_default() += v;
        }
        for (k, v) in other.operations {
            *self.operations.entry(k).or_default() += v;
        }
    }

    /// Counts one failure of kind `kind`.
    pub fn error(&mut self, kind: String) {
        *self.errors.entry(kind).or_default() += 1;
    }
}

/// The latency at quantile `q` (0 < q ≤ 1) of sorted samples, by nearest
/// rank: the smallest sample with at least `q` of all samples at or below it.
pub fn quantile(sorted: &[u64], q: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// How the run was set up, echoed in its report.
pub struct Setup<'a> {
    /// Every endpoint loaded, in the order connections were dealt to them.
    pub endpoints: &'a [String],
    pub workload: &'a str,
    pub connections: usize,
}

/// The report: counts, rate, latency quantiles in milliseconds, and the
/// generator's own CPU use (to tell when it, not the server, is the limit).
/// With several endpoints, `per_endpoint` (one tally each, in the order of
/// `setup.endpoints`) adds each one's counts and latencies, to show how
/// evenly the load was served.
pub fn report(
    setup: &Setup<'_>,
    mut tally: Tally,
    per_endpoint: Vec<Tally>,
    elapsed: Duration,
    cpu: Option<Duration>,
) -> Value {
    tally.latencies.sort_unstable();
    let ok = tally.latencies.len() as u64;
    let errors: u64 = tally.errors.values().sum();
    let secs = elapsed.as_secs_f64();
    let rate = |n: u64| {
        if secs > 0.0 {
            round(n as f64 / secs, 1)
        } else {
            0.0
        }
    };
    let ms = |q: f64| quantile(&tally.latencies, q).map(|ns| round(ns as f64 / 1e6, 3));
    let mean = if ok > 0 {
        Some(round(
            tally.latencies.iter().sum::<u64>() as f64 / ok as f64 / 1e6,
            3,
        ))
    } else {
        None
    };
    let connections = setup.connections;
    let count = setup.endpoints.len().max(1);
    let mut r = json!({
        // One URL, or several separated by ", " (serve.sh prints it as is).
        "endpoint": setup.endpoints.join(", "),
        "workload": setup.workload,
        "connections": setup.connections,
        "requests": ok + errors,
        "ok": ok,
        "errors": tally.errors,
        "operations": tally.operations,
        "elapsed_s": round(secs, 3),
        "requests_per_s": rate(ok + errors),
        "ok_per_s": rate(ok),
        "latency_ms": {
            "mean": mean,
            "p50": ms(0.5),
            "p90": ms(0.9),
            "p99": ms(0.99),
            "p99.9": ms(0.999),
            "max": ms(1.0),
        },
        "loadgen_cpu_percent": cpu.map(|c| if secs > 0.0 { round(100.0 * c.as_secs_f64() / secs, 1) } else { 0.0 }),
    });
    if setup.endpoints.len() > 1 {
        let each: Vec<Value> = setup
            .endpoints
            .iter()
            .zip(per_endpoint)
            .enumerate()
            .map(|(i, (uri, mut t))| {
                t.latencies.sort_unstable();
                let ok = t.latencies.len() as u64;
                let ms = |q: f64| quantile(&t.latencies, q).map(|ns| round(ns as f64 / 1e6, 3));
                json!({
                    "endpoint": uri,
                    // Connections are dealt in turn: the first `connections % count` get one more.
                    "connections": connections / count + usize::from(i < connections % count),
                    "ok": ok,
                    "errors": t.errors,
                    "ok_per_s": rate(ok),
                    "latency_ms": {"p50": ms(0.5), "p99": ms(0.99)},
                })
            })
            .collect();
        r["per_endpoint"] = Value::Array(each);
    }
    r
}

fn round(x: f64, digits: i32) -> f64 {
    let p = 10f64.powi(digits);
    (x * p).round() / p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let v: Vec<u64> = (1..=1000).collect();
        assert_eq!(quantile(&v, 0.5), Some(500));
        assert_eq!(quantile(&v, 0.9), Some(900));
        assert_eq!(quantile(&v, 0.99), Some(990));
        assert_eq!(quantile(&v, 0.999), Some(999));
        assert_eq!(quantile(&v, 1.0), Some(1000));
        assert_eq!(quantile(&[7], 0.001), Some(7));
        assert_eq!(quantile(&[], 0.5), None);
        // 10 samples: p99 is the largest, not an interpolation.
        let v: Vec<u64> = (1..=10).collect();
        assert_eq!(quantile(&v, 0.99), Some(10));
        assert_eq!(quantile(&v, 0.5), Some(5));
    }

    #[test]
    fn report_counts_rates_and_quantiles() {
        let mut a = Tally {
            latencies: vec![3_000_000, 1_000_000],
            ..Tally::default()
        };
        a.error("ThrottlingException".into());
        a.operations.insert("Encrypt", 3);
        let mut b = Tally {
            latencies: vec![2_000_000, 4_000_000],
            ..Tally::default()
        };
        b.error("ThrottlingException".into());
        b.error("transport: connection closed".into());
        b.operations.insert("Encrypt", 5);
        a.merge(b);
        let endpoints = ["http://127.0.0.1:1/".to_owned()];
        let setup = Setup {
            endpoints: &endpoints,
            workload: "encrypt",
            connections: 2,
        };
        let r = report(
            &setup,
            a,
            Vec::new(),
            Duration::from_secs(2),
            Some(Duration::from_millis(500)),
        );
        assert_eq!(r["requests"], 7);
        assert_eq!(r["ok"], 4);
        assert_eq!(
            r["errors"],
            json!({"ThrottlingException": 2, "transport: connection closed": 1})
        );
        assert_eq!(r["operations"], json!({"Encrypt": 8}));
        assert_eq!(r["requests_per_s"], 3.5);
        assert_eq!(r["ok_per_s"], 2.0);
        assert_eq!(r["latency_ms"]["p50"], 2.0);
        assert_eq!(r["latency_ms"]["p99"], 4.0);
        assert_eq!(r["latency_ms"]["mean"], 2.5);
        assert_eq!(r["loadgen_cpu_percent"], 25.0);
        assert_eq!(r["endpoint"], "http://127.0.0.1:1/");
        assert!(
            r.get("per_endpoint").is_none(),
            "one endpoint: no breakdown"
        );
    }

    #[test]
    fn several_endpoints_are_reported_each() {
        let a = Tally {
            latencies: vec![1_000_000, 3_000_000],
            ..Tally::default()
        };
        let mut b = Tally {
            latencies: vec![2_000_000],
            ..Tally::default()
        };
        b.error("ServiceUnavailableException".into());
        let mut all = a.clone();
        all.merge(b.clone());
        let endpoints = [
            "http://127.0.0.1:1/".to_owned(),
            "http://127.0.0.1:2/".to_owned(),
        ];
        let setup = Setup {
            endpoints: &endpoints,
            workload: "encrypt",
            connections: 5,
        };
        let r = report(&setup, all, vec![a, b], Duration::from_secs(1), None);
        assert_eq!(r["endpoint"], "http://127.0.0.1:1/, http://127.0.0.1:2/");
        assert_eq!(r["ok"], 3);
        let each = &r["per_endpoint"];
        assert_eq!(each[0]["endpoint"], "http://127.0.0.1:1/");
        assert_eq!(each[0]["connections"], 3);
        assert_eq!(each[0]["ok"], 2);
        assert_eq!(each[0]["latency_ms"]["p99"], 3.0);
        assert_eq!(each[1]["connections"], 2);
        assert_eq!(each[1]["ok"], 1);
        assert_eq!(each[1]["errors"], json!({"ServiceUnavailableException": 1}));
        assert_eq!(each[1]["ok_per_s"], 1.0);
    }

    #[test]
    fn an_empty_run_reports_no_latency() {
        let endpoints = ["e".to_owned()];
        let setup = Setup {
            endpoints: &endpoints,
            workload: "w",
            connections: 1,
        };
        let r = report(&setup, Tally::default(), Vec::new(), Duration::ZERO, None);
        assert_eq!(r["ok"], 0);
        assert_eq!(r["requests_per_s"], 0.0);
        assert!(r["latency_ms"]["p99"].is_null());
    }
}
