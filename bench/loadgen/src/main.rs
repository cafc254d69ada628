//! `lkms-loadgen`: a closed-loop load generator for `lkms serve` (or any
//! AWS KMS JSON endpoint on loopback). See bench/serve.sh.

mod endpoint;
mod load;
mod report;
mod sign;
mod workload;

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use endpoint::Endpoint;
use sign::Signer;
use workload::Workload;

#[derive(Parser)]
#[command(
    version,
    about = "Closed-loop load generator for an AWS KMS JSON endpoint on loopback (SigV4-signed, keep-alive HTTP/1.1)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load the endpoint and print a JSON report of the measured phase
    Run(RunArgs),
    /// Send one signed request and print the response body (for setting up a run)
    Call(CallArgs),
}

/// As whom.
#[derive(Args)]
struct Credentials {
    /// The access key id to sign with
    #[arg(long, env = "AWS_ACCESS_KEY_ID")]
    access_key_id: String,
    /// Its secret (from the environment, so it stays out of `ps`)
    #[arg(long, env = "AWS_SECRET_ACCESS_KEY", hide_env_values = true)]
    secret_access_key: String,
    /// The region to sign for
    #[arg(long, env = "AWS_REGION", default_value = "us-east-1")]
    region: String,
}

#[derive(Args)]
struct RunArgs {
    /// The endpoint: http://HOST:PORT on loopback. Repeat it to load several
    /// servers at once: connection N goes to the (N mod count)th endpoint.
    #[arg(long, required = true)]
    endpoint: Vec<String>,
    #[command(flatten)]
    credentials: Credentials,
    /// What each connection sends
    #[arg(long, value_enum)]
    workload: Workload,
    /// The key the requests use (not needed for create-key)
    #[arg(long, required_if_eq_any([("workload", "encrypt"), ("workload", "generate-data-key"), ("workload", "mix")]))]
    key_id: Option<String>,
    /// Keep-alive connections, each with one request in flight
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=4096))]
    connections: u16,
    /// Most requests measured (all connections together)
    #[arg(long, default_value_t = 200_000, value_parser = clap::value_parser!(u64).range(1..))]
    requests: u64,
    /// Longest measured phase, in seconds
    #[arg(long, default_value_t = 30.0, value_parser = seconds)]
    duration: f64,
    /// Seconds of unmeasured requests first, on the same connections
    #[arg(long, default_value_t = 0.0, value_parser = seconds_or_zero)]
    warmup: f64,
}

#[derive(Args)]
struct CallArgs {
    /// The endpoint: http://HOST:PORT on loopback
    #[arg(long)]
    endpoint: String,
    #[command(flatten)]
    credentials: Credentials,
    /// The operation (X-Amz-Target: TrentService.OPERATION), e.g. CreateKey
    #[arg(long)]
    operation: String,
    /// The JSON request body
    #[arg(long, default_value = "{}")]
    body: String,
}

/// A positive number of seconds, at most an hour (runs are bounded).
fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 3600.0 => Ok(v),
        _ => Err(format!(
            "{s}: expected seconds, more than 0 and at most 3600"
        )),
    }
}

fn seconds_or_zero(s: &str) -> Result<f64, String> {
    if s.parse::<f64>() == Ok(0.0) {
        Ok(0.0)
    } else {
        seconds(s)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the runtime: {e}"))
        .and_then(|rt| {
            rt.block_on(async {
                match cli.command {
                    Command::Run(args) => run(args).await,
                    Command::Call(args) => call(args).await,
                }
            })
        });
    match result {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lkms-loadgen: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: RunArgs) -> Result<String, String> {
    let endpoints = args
        .endpoint
        .iter()
        .map(|url| Endpoint::resolve(url))
        .collect::<Result<Vec<_>, _>>()?;
    // An endpoint without a connection would be listed but never loaded.
    if endpoints.len() > usize::from(args.connections) {
        return Err(format!(
            "{} endpoints but only {} connections: each endpoint needs at least one",
            endpoints.len(),
            args.connections
        ));
    }
    let signer = Signer::new(
        &args.credentials.access_key_id,
        &args.credentials.secret_access_key,
        &args.credentials.region,
    );
    let workload_name = format!("{:?}", args.workload);
    let uris: Vec<String> = endpoints.iter().map(|e| e.uri.clone()).collect();
    let plan = load::Plan {
        endpoints,
        signer,
        workload: args.workload,
        key_id: args.key_id.unwrap_or_default(),
        connections: usize::from(args.connections),
        requests: args.requests,
        duration: Duration::from_secs_f64(args.duration),
        warmup: Duration::from_secs_f64(args.warmup),
    };
    let outcome = load::run(plan).await?;
    let setup = report::Setup {
        endpoints: &uris,
        workload: &workload_name,
        connections: usize::from(args.connections),
    };
    let report = report::report(
        &setup,
        outcome.tally,
        outcome.per_endpoint,
        outcome.elapsed,
        outcome.cpu,
    );
    Ok(report.to_string())
}

async fn call(args: CallArgs) -> Result<String, String> {
    let endpoint = Endpoint::resolve(&args.endpoint)?;
    serde_json::from_str::<serde_json::Value>(&args.body)
        .map_err(|e| format!("--body is not JSON: {e}"))?;
    let signer = Signer::new(
        &args.credentials.access_key_id,
        &args.credentials.secret_access_key,
        &args.credentials.region,
    );
    let req = load::signed(
        &endpoint,
        &signer,
        &format!("TrentService.{}", args.operation),
        args.body.into_bytes(),
    )?;
    let mut conn = load::connect(&endpoint).await?;
    let (status, headers, body) = load::exchange(&mut conn, req).await?;
    if status == http::StatusCode::OK {
        Ok(String::from_utf8_lossy(&body).into_owned())
    } else {
        Err(format!(
            "{}: HTTP {}: {}",
            args.operation,
            status.as_u16(),
            load::error_type(status, &headers, &body)
        ))
    }
}
