/**
 * @module agents/install-script
 * The installer served at `GET /install.sh`: a POSIX shell script that downloads the agent bundle from
 * the same server, checks its SHA-256 and its Ed25519 signature against the values written into the
 * script (the release public key and the bundle's digest at the time the script was served) with the
 * host's own Node, and only then installs it: a system user, /opt/vigil-agent, /etc/vigil-agent,
 * /var/lib/vigil-agent (0700), enrollment with the token, and a hardened systemd unit — or, with
 * `--no-systemd`, the agent in the foreground. `--root DIR` installs under DIR (tests, images).
 */

/** What the script embeds. */
export interface InstallScriptInput {
  /** The server URL agents use. */
  url: string;
  publicKeyPem: string;
  sha256: string;
  version: string;
}

/**
 * The Node options every launch of the installed agent uses (the systemd unit, the detached and the
 * foreground start). The agent benchmark starts the agent with these too, so its footprint figure is
 * the installed agent's. A cap on the old generation: a leak ends in a restart, not in swap.
 */
export const AGENT_NODE_FLAGS: readonly string[] = ['--max-old-space-size=64'];

/** Single-quotes a value for sh. */
function q(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/** The install script. */
export function installScript(i: InstallScriptInput): string {
  return `#!/bin/sh
# Vigil host agent installer (agent ${i.version}), served by ${i.url}
#
#   curl -fsSL ${i.url}/install.sh | sudo sh -s -- --token TOKEN
#
# Options: --server URL (default: the server that served this script), --token TOKEN (enroll;
# without it the agent is installed but not enrolled), --no-systemd (run in the foreground instead
# of installing a unit), --no-start (install and enroll only), --no-user (do not create the
# vigil-agent user: runs as the invoking user), --root DIR (install under DIR), --node PATH.
#
# Before anything is installed the bundle's SHA-256 must equal the one below and its Ed25519
# signature must verify with this server's release key below; otherwise nothing is changed.
set -eu

SERVER=${q(i.url)}
EXPECTED_SHA256=${q(i.sha256)}
RELEASE_KEY=${q(i.publicKeyPem.trim())}
TOKEN=""
ROOT=""
SYSTEMD=1
START=1
MAKE_USER=1
NODE="\${NODE:-}"
AGENT_USER=vigil-agent

while [ $# -gt 0 ]; do
  case "$1" in
    --server) SERVER="$2"; shift 2 ;;
    --token) TOKEN="$2"; shift 2 ;;
    --root) ROOT="$2"; shift 2 ;;
    --node) NODE="$2"; shift 2 ;;
    --no-systemd) SYSTEMD=0; shift ;;
    --no-start) START=0; shift ;;
    --no-user) MAKE_USER=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" 2>/dev/null || true; exit 0 ;;
    *) echo "vigil-agent install: unknown option $1" >&2; exit 2 ;;
  esac
done

say() { echo "vigil-agent install: $*" >&2; }
die() { say "$*"; exit 1; }

if [ -z "$NODE" ]; then NODE=$(command -v node || true); fi
[ -n "$NODE" ] || die "Node.js >= 20 is needed (apt-get install nodejs, or pass --node PATH)."
"$NODE" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || die "Node.js >= 20 is needed; $NODE is $("$NODE" --version)."
if [ -z "$ROOT" ] && [ "$MAKE_USER" = 1 ] && [ "$(id -u)" != 0 ]; then die "run as root (sudo), or pass --no-user --no-systemd to run as yourself."; fi

PREFIX="$ROOT/opt/vigil-agent"
CONFIG_DIR="$ROOT/etc/vigil-agent"
STATE_DIR="$ROOT/var/lib/vigil-agent"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

fetch() {
  if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then wget -q -O "$2" "$1"
  else "$NODE" -e 'const [u, f] = process.argv.slice(1); fetch(u).then(async (r) => { if (!r.ok) throw new Error(u + ": HTTP " + r.status); require("fs").writeFileSync(f, Buffer.from(await r.arrayBuffer())); }).catch((e) => { console.error(e.message); process.exit(1); })' "$1" "$2"
  fi
}

say "downloading the agent from $SERVER"
fetch "$SERVER/api/v1/agents/bundle" "$TMP/vigil-agent.js" || die "could not download $SERVER/api/v1/agents/bundle"
fetch "$SERVER/api/v1/agents/bundle/signature" "$TMP/vigil-agent.js.sig" || die "could not download the bundle's signature"
printf '%s\\n' "$RELEASE_KEY" > "$TMP/release-key.pem"

# Verify with the host's Node: the digest must match, and the signature must verify with the key above.
"$NODE" -e '
const { createHash, createPublicKey, verify } = require("crypto");
const { readFileSync } = require("fs");
const [file, sigFile, keyFile, expected] = process.argv.slice(1);
const data = readFileSync(file);
const sha = createHash("sha256").update(data).digest("hex");
if (sha !== expected) { console.error("SHA-256 mismatch: got " + sha + ", expected " + expected); process.exit(1); }
const sig = Buffer.from(readFileSync(sigFile, "utf8").trim(), "base64");
if (!verify(null, data, createPublicKey(readFileSync(keyFile, "utf8")), sig)) { console.error("the Ed25519 signature does not verify with the release key"); process.exit(1); }
' "$TMP/vigil-agent.js" "$TMP/vigil-agent.js.sig" "$TMP/release-key.pem" "$EXPECTED_SHA256" || die "refusing to install: the bundle failed verification (tampered, or the server changed since this script was fetched: fetch install.sh again)."
say "bundle verified (sha256 $EXPECTED_SHA256, signed by the server's release key)"

if [ "$MAKE_USER" = 1 ]; then
  if ! id "$AGENT_USER" >/dev/null 2>&1; then
    if command -v useradd >/dev/null 2>&1; then useradd --system --no-create-home --home-dir /var/lib/vigil-agent --shell /usr/sbin/nologin "$AGENT_USER"
    else adduser --system --no-create-home --home /var/lib/vigil-agent --shell /usr/sbin/nologin --group "$AGENT_USER"; fi
    say "created system user $AGENT_USER"
  fi
  # Log files (adm) and the journal (systemd-journal) are readable by these groups on Debian and Ubuntu.
  for g in adm systemd-journal; do getent group "$g" >/dev/null 2>&1 && usermod -a -G "$g" "$AGENT_USER" || true; done
fi

umask 022
mkdir -p "$PREFIX" "$CONFIG_DIR" "$STATE_DIR"
cp "$TMP/vigil-agent.js" "$PREFIX/vigil-agent.js.new" && chmod 0755 "$PREFIX/vigil-agent.js.new" && mv "$PREFIX/vigil-agent.js.new" "$PREFIX/vigil-agent.js"
cp "$TMP/vigil-agent.js.sig" "$PREFIX/vigil-agent.js.sig"
cp "$TMP/release-key.pem" "$PREFIX/release-key.pem"
echo "$EXPECTED_SHA256  vigil-agent.js" > "$PREFIX/vigil-agent.js.sha256"
chmod 0700 "$STATE_DIR"
if [ ! -f "$CONFIG_DIR/agent.json" ]; then
  printf '{\\n  "server": "%s",\\n  "stateDir": "%s"\\n}\\n' "$SERVER" "$STATE_DIR" > "$CONFIG_DIR/agent.json"
  chmod 0644 "$CONFIG_DIR/agent.json"
fi

if [ -n "$TOKEN" ]; then
  "$NODE" "$PREFIX/vigil-agent.js" enroll --config "$CONFIG_DIR/agent.json" --state-dir "$STATE_DIR" --server "$SERVER" --token "$TOKEN" || die "enrollment failed (see above)"
fi
if [ "$MAKE_USER" = 1 ]; then chown -R "$AGENT_USER:$AGENT_USER" "$STATE_DIR"; fi

if [ "$SYSTEMD" = 1 ]; then
  [ -d "$ROOT/etc/systemd/system" ] || mkdir -p "$ROOT/etc/systemd/system"
  cat > "$ROOT/etc/systemd/system/vigil-agent.service" <<UNIT
[Unit]
Description=Vigil host agent (outbound only)
Documentation=$SERVER/api/docs
After=network-online.target
Wants=network-online.target

[Service]
User=$AGENT_USER
Group=$AGENT_USER
ExecStart=$NODE ${AGENT_NODE_FLAGS.join(' ')} /opt/vigil-agent/vigil-agent.js run --config /etc/vigil-agent/agent.json
Restart=on-failure
RestartSec=10
# 3: the host was revoked; 4: the server refused the credential. Restarting cannot help.
RestartPreventExitStatus=3 4
# Read every process's sockets and every watched file (incl. /etc/shadow's hash) without being root.
AmbientCapabilities=CAP_DAC_READ_SEARCH CAP_SYS_PTRACE
CapabilityBoundingSet=CAP_DAC_READ_SEARCH CAP_SYS_PTRACE
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
ReadWritePaths=/var/lib/vigil-agent
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
RestrictSUIDSGID=yes
LockPersonality=yes
MemoryMax=256M
CPUQuota=20%

[Install]
WantedBy=multi-user.target
UNIT
  if [ -z "$ROOT" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    systemctl daemon-reload
    if [ "$START" = 1 ]; then systemctl enable --now vigil-agent; else systemctl enable vigil-agent; fi
    say "installed; the agent runs as the systemd unit vigil-agent (journalctl -u vigil-agent)"
  elif [ -z "$ROOT" ]; then
    # systemctl may be installed where systemd is not running (containers, some VMs): the unit would
    # never start, so start the agent detached instead.
    say "systemd is not running here: unit written to /etc/systemd/system/vigil-agent.service but not used"
    if [ "$START" = 1 ]; then
      LOG="$STATE_DIR/agent.log"
      if [ "$MAKE_USER" = 1 ] && command -v runuser >/dev/null 2>&1; then
        touch "$LOG" && chown "$AGENT_USER:$AGENT_USER" "$LOG"
        nohup runuser -u "$AGENT_USER" -- "$NODE" ${AGENT_NODE_FLAGS.join(' ')} "$PREFIX/vigil-agent.js" run --config "$CONFIG_DIR/agent.json" --state-dir "$STATE_DIR" </dev/null >>"$LOG" 2>&1 &
      else
        nohup "$NODE" ${AGENT_NODE_FLAGS.join(' ')} "$PREFIX/vigil-agent.js" run --config "$CONFIG_DIR/agent.json" --state-dir "$STATE_DIR" </dev/null >>"$LOG" 2>&1 &
      fi
      say "started the agent in the background (pid $!, log $LOG); it does not start again after a reboot: run it under your own supervisor, or pass --no-systemd to run it in the foreground"
    fi
  else
    say "unit written to $ROOT/etc/systemd/system/vigil-agent.service (systemctl not used)"
  fi
else
  say "installed in $PREFIX"
  if [ "$START" = 1 ]; then
    say "running in the foreground (Ctrl-C stops it)"
    exec "$NODE" ${AGENT_NODE_FLAGS.join(' ')} "$PREFIX/vigil-agent.js" run --config "$CONFIG_DIR/agent.json" --state-dir "$STATE_DIR"
  fi
fi
`;
}
