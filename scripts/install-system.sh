#!/usr/bin/env bash
# Installs issuetrack system-wide, at the paths systemd/*.service and crontab.example name, and
# removes it again. Run as root (or with --destdir, or --dry-run, as anyone).
#
#   scripts/install-system.sh install   [--tarball FILE | --package-dir DIR] [--scheduler systemd|cron|none]
#                                       [--destdir DIR] [--dry-run]
#   scripts/install-system.sh uninstall [--purge] [--destdir DIR] [--dry-run]
#
# install (again = upgrade: the code is replaced, credentials and database are kept, and the next
# run migrates the database):
#   /opt/issuetrack              the package with its production dependencies only
#   /usr/local/bin/issuetrack    a symlink to /opt/issuetrack/bin/issuetrack
#   user and group issuetrack    a system account (no login) that runs the jobs
#   /var/lib/issuetrack          its home and the database (0750)
#   /var/log/issuetrack          logs (0750); with the above, all the units let it write
#   /etc/issuetrack/env          KEY=value credentials, mode 0600 owner issuetrack; never overwritten
#   /etc/systemd/system/issuetrack-*.service|timer, a User= drop-in each, the timers enabled;
#     or with --scheduler cron: crontab.example as the issuetrack user's crontab
# uninstall reverses that but keeps the database, /etc/issuetrack and the user; --purge removes
# them too.
#
# Where the package comes from: --tarball (an `npm pack` file, installed with npm, dev
# dependencies omitted); --package-dir (an installed package tree, copied as is); by default the
# package this script belongs to: a git checkout is packed first (npm pack builds dist/), an
# installed package (npm install -g, then "$(npm root -g)/issuetrack/scripts/install-system.sh")
# is copied.
#
# --destdir DIR puts every file under DIR and skips what only a live system can do (creating the
# user, chown, systemctl, crontab): for packaging and for the tests. --dry-run prints the plan
# and changes nothing. Exit codes: 64 usage, 77 not root, 78 a package or path is unusable.
set -euo pipefail

NAME=issuetrack
PREFIX=/opt/issuetrack
BIN_LINK=/usr/local/bin/issuetrack
DATA_DIR=/var/lib/issuetrack
LOG_DIR=/var/log/issuetrack
CONF_DIR=/etc/issuetrack
UNIT_DIR=/etc/systemd/system
NODE=/usr/bin/node # what the units and crontab.example run

die() { echo "install-system.sh: $2" >&2; exit "$1"; }
usage() { sed -n '5,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }

action=${1:-}
[[ $action == install || $action == uninstall ]] || usage
shift
destdir='' dry_run=0 purge=0 tarball='' package_dir='' scheduler=''
while (($#)); do
  case $1 in
    --destdir) destdir=${2:?--destdir needs a folder}; shift ;;
    --dry-run) dry_run=1 ;;
    --purge) [[ $action == uninstall ]] || usage; purge=1 ;;
    --tarball) tarball=${2:?--tarball needs a file}; shift ;;
    --package-dir) package_dir=${2:?--package-dir needs a folder}; shift ;;
    --scheduler) scheduler=${2:?--scheduler needs systemd, cron or none}; shift ;;
    -h | --help) usage ;;
    *) die 64 "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
[[ -z $scheduler || $scheduler =~ ^(systemd|cron|none)$ ]] || die 64 "--scheduler takes systemd, cron or none, not: $scheduler"
[[ -z $tarball || -z $package_dir ]] || die 64 '--tarball and --package-dir exclude each other'
if [[ -n $destdir ]]; then
  [[ -d $destdir ]] || die 78 "--destdir folder does not exist: $destdir"
  destdir=$(cd "$destdir" && pwd)
fi
((dry_run)) || [[ -n $destdir || $EUID -eq 0 ]] || die 77 'run as root (or with --destdir DIR, or --dry-run)'
live=$([[ -z $destdir ]] && echo 1 || echo 0) # only a live system gets users, chown, systemctl, crontab
if [[ -z $scheduler ]]; then
  if [[ -d /run/systemd/system || -n $destdir ]]; then scheduler=systemd
  elif command -v crontab >/dev/null; then scheduler=cron
  else scheduler=none; fi
fi

# Every change goes through run (or write_file), so that --dry-run shows exactly what would be done.
run() {
  printf '+'; printf ' %q' "$@"; echo
  ((dry_run)) || "$@"
}
on_live() { # a step only a live system takes
  if ((live)); then run "$@"; else echo "  (skipped under --destdir: $*)"; fi
}
write_file() { # write_file PATH MODE: stdin to PATH, created with MODE from the start
  local path=$1 mode=$2 content
  content=$(cat)
  echo "+ write $path (mode $mode)"
  ((dry_run)) || (umask 077 && printf '%s\n' "$content" >"$path" && chmod "$mode" "$path")
}

stage=''
cleanup() { [[ -z $stage ]] || rm -rf "$stage"; }
trap cleanup EXIT

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) # the package (or checkout) holding this script

# Sets pkg to the folder of an installed issuetrack package (with node_modules) to copy to PREFIX.
resolve_package() {
  if [[ -n $package_dir ]]; then
    [[ -d $package_dir ]] || die 78 "no such folder: $package_dir"
    pkg=$(cd "$package_dir" && pwd)
    return
  fi
  if [[ -z $tarball && -d $SELF/src ]]; then # a git checkout: pack it as npm would publish it
    stage=$(mktemp -d)
    tarball=$stage/$(cd "$SELF" && npm pack --silent --pack-destination "$stage" | tail -n 1)
  fi
  if [[ -n $tarball ]]; then
    [[ -f $tarball ]] || die 78 "no such tarball: $tarball"
    [[ -n $stage ]] || stage=$(mktemp -d)
    # A global install into a private prefix gives a self-contained tree: the package with its
    # own node_modules (production dependencies, better-sqlite3 built for this Node).
    npm install --global --prefix "$stage/prefix" --omit=dev --no-audit --no-fund "$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")" >&2
    pkg=$stage/prefix/lib/node_modules/$NAME
    return
  fi
  pkg=$SELF
}

install_all() {
  local pkg units_from
  if ((dry_run)) && [[ -z $package_dir ]]; then
    echo "+ npm install --global --omit=dev ${tarball:-(this package, packed if a checkout)} into a temporary prefix, unless already installed"
    pkg=STAGED_PACKAGE units_from=$SELF
  else
    resolve_package
    [[ -f $pkg/bin/issuetrack && -f $pkg/dist/cli.js && -d $pkg/node_modules ]] ||
      die 78 "not an installed issuetrack package (bin/issuetrack, dist/cli.js and node_modules/ expected): $pkg"
    units_from=$pkg
  fi
  [[ -x $NODE ]] || echo "install-system.sh: warning: the units and crontab.example run $NODE, which is missing here; link your node 20+ there" >&2

  if ((live)) && ! id -u "$NAME" >/dev/null 2>&1; then
    run useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin --comment 'issuetrack jobs' "$NAME"
  fi

  # The code: copied beside the old one, then swapped in, so a failed copy leaves the old install.
  run mkdir -p "$destdir$(dirname "$PREFIX")" "$destdir$(dirname "$BIN_LINK")"
  run rm -rf "$destdir$PREFIX.new" "$destdir$PREFIX.old"
  run cp -a "$pkg" "$destdir$PREFIX.new"
  on_live chown -R root:root "$PREFIX.new"
  [[ ! -e $destdir$PREFIX ]] || run mv "$destdir$PREFIX" "$destdir$PREFIX.old"
  run mv "$destdir$PREFIX.new" "$destdir$PREFIX"
  run rm -rf "$destdir$PREFIX.old"
  run ln -sfn "$PREFIX/bin/issuetrack" "$destdir$BIN_LINK"

  # State and configuration, owned by the service user; an existing env file is never touched.
  run install -d -m 0750 "$destdir$DATA_DIR" "$destdir$LOG_DIR"
  on_live chown "$NAME:$NAME" "$DATA_DIR" "$LOG_DIR"
  run install -d -m 0755 "$destdir$CONF_DIR"
  if [[ -e $destdir$CONF_DIR/env ]]; then
    echo "  (kept: $CONF_DIR/env)"
  else
    write_file "$destdir$CONF_DIR/env" 0600 <<'EOF'
# issuetrack credentials for the scheduled jobs (KEY=value, no quotes needed). Mode 0600.
# Zendesk: the subdomain, and OAuth (API tokens stop working on 2027-04-30) or email + API token.
ZENDESK_SUBDOMAIN=
ZENDESK_OAUTH_TOKEN=
#ZENDESK_EMAIL=
#ZENDESK_API_TOKEN=
ANTHROPIC_API_KEY=
EOF
    on_live chown "$NAME:$NAME" "$CONF_DIR/env"
  fi

  case $scheduler in
    systemd) install_units "$units_from" ;;
    cron) on_live crontab -u "$NAME" "$PREFIX/crontab.example" ;;
    none) echo "  (no scheduler: see $PREFIX/crontab.example and $PREFIX/systemd/)" ;;
  esac
  if ((dry_run)); then echo '(dry run: nothing was changed)'; fi
  echo "installed $PREFIX. Put the credentials in $CONF_DIR/env, then check them with:"
  echo "  sudo -u $NAME sh -c 'set -a; . $CONF_DIR/env; exec $BIN_LINK doctor --db $DATA_DIR/issuetrack.db'"
}

install_units() {
  local pkg=$1 unit timers=()
  run mkdir -p "$destdir$UNIT_DIR"
  for unit in "$pkg/systemd/$NAME"-*.service "$pkg/systemd/$NAME"-*.timer; do
    [[ -e $unit ]] || continue
    run install -m 0644 "$unit" "$destdir$UNIT_DIR/$(basename "$unit")"
    case $unit in
      *.timer) timers+=("$(basename "$unit")") ;;
      *.service) # the units name no user (they also serve `schedule --systemd --install`); a drop-in does
        run mkdir -p "$destdir$UNIT_DIR/$(basename "$unit").d"
        write_file "$destdir$UNIT_DIR/$(basename "$unit").d/10-user.conf" 0644 <<EOF
# Added by scripts/install-system.sh: the jobs run as the issuetrack system user.
[Service]
User=$NAME
Group=$NAME
EOF
        ;;
    esac
  done
  on_live systemctl daemon-reload
  ((${#timers[@]} == 0)) || on_live systemctl enable --now "${timers[@]}"
}

uninstall_all() {
  local pkg units_from
  local unit
  if ((live)) && [[ -d /run/systemd/system ]]; then
    for unit in "$UNIT_DIR/$NAME"-*.timer; do
      if [[ -e $unit ]]; then run systemctl disable --now "$(basename "$unit")"; fi
    done
  fi
  if ((live)) && command -v crontab >/dev/null && id -u "$NAME" >/dev/null 2>&1 && crontab -u "$NAME" -l >/dev/null 2>&1; then
    run crontab -u "$NAME" -r
  fi
  for unit in "$destdir$UNIT_DIR/$NAME"-*.service "$destdir$UNIT_DIR/$NAME"-*.timer "$destdir$UNIT_DIR/$NAME"-*.service.d; do
    if [[ -e $unit ]]; then run rm -rf "$unit"; fi
  done
  if ((live)) && [[ -d /run/systemd/system ]]; then run systemctl daemon-reload; fi
  if [[ -L $destdir$BIN_LINK && $(readlink "$destdir$BIN_LINK") == "$PREFIX/bin/issuetrack" ]]; then run rm -f "$destdir$BIN_LINK"; fi
  [[ ! -e $destdir$PREFIX ]] || run rm -rf "$destdir$PREFIX"
  if ((purge)); then
    run rm -rf "$destdir$DATA_DIR" "$destdir$LOG_DIR" "$destdir$CONF_DIR"
    if ((live)) && id -u "$NAME" >/dev/null 2>&1; then run userdel "$NAME"; fi
  else
    echo "  (kept: $DATA_DIR with the database, $CONF_DIR with the credentials, and the $NAME user; --purge removes them)"
  fi
  if ((dry_run)); then echo '(dry run: nothing was changed)'; fi
  echo "uninstalled $PREFIX"
}

if [[ $action == install ]]; then install_all; else uninstall_all; fi
