//! `oficina`: the one binary. `oficina --help` lists its commands (see [`oficina_api::cli`]).

fn main() -> std::process::ExitCode {
    oficina_api::cli::main()
}
