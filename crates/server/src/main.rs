use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = keydesk::cli::Cli::parse();
    match keydesk::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keydesk: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
