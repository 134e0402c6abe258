use clap::Parser;

/// mimalloc instead of glibc's malloc: the request path allocates and frees many small
/// objects (glibc's malloc and free were ~12 % of a TOTP step), and glibc keeps the
/// 19 MiB Argon2id buffers of past logins (RSS ~220 MiB after a burst).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tesseract (photo checks) runs OpenMP threads, one per core by default; one check must
/// use one core so that the bounded photo pool really bounds the CPU it takes (on 2
/// cores, the spinning threads cost 3.5x the time, half of it in the kernel). libgomp
/// reads `OMP_THREAD_LIMIT` once, when it is loaded — before `main` runs — so setting it
/// here would change nothing: a process started without it replaces itself (`exec`,
/// same pid, same arguments) with the variable set, and that image loads libgomp with
/// the limit in force, however keydesk was started (a shell, systemd, a container).
fn limit_openmp_threads() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(exe);
    if let Some(arg0) = args.next() {
        command.arg0(arg0);
    }
    let error = command.args(args).env("OMP_THREAD_LIMIT", "1").exec();
    eprintln!(
        "keydesk: could not restart with OMP_THREAD_LIMIT=1 ({error}); set it in the \
         environment, or photo checks use every core"
    );
}

fn main() -> std::process::ExitCode {
    limit_openmp_threads();
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
