# Sourced by the scripts: tool paths. wasm-opt must be npm's binaryen (see NOTES in the README).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$REPO_ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
