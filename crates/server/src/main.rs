use clap::Parser;

/// mimalloc instead of glibc's malloc: the request path allocates and frees many small
/// objects (glibc's malloc and free were ~12 % of a TOTP step), and glibc keeps the
/// 19 MiB Argon2id buffers of past logins (RSS ~220 MiB after a burst).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // Tesseract (photo checks) starts one OpenMP thread per core by default; one check
    // must use one core so the bounded photo pool really bounds the CPU it takes.
    if std::env::var_os("OMP_THREAD_LIMIT").is_none() {
        std::env::set_var("OMP_THREAD_LIMIT", "1");
    }
    let cli = keydesk::cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("keydesk: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(keydesk::cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keydesk: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
