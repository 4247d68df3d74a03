#!/usr/bin/env bash
# Fails when a module imports one that architecture.md §1–§2 forbids, when Package.swift declares a package
# dependency, or when a target's declared dependencies leave the allowed table.
set -euo pipefail
cd "$(dirname "$0")/.."

# module -> the Aurora modules (and C shims) it may import; the toolchain is always allowed.
declare -A allowed=(
  [YAMLKit]="CYAML"
  [Codec]=""
  [Wire]="Codec"
  [RuleEngine]="YAMLKit Codec"
  [Rules]="RuleEngine YAMLKit Codec"
  [Host]="RuleEngine YAMLKit Codec Wire CLinuxShims"
  [Bot]="Wire YAMLKit Codec CCurl"
  [AuroraTesting]="RuleEngine YAMLKit Codec Wire Host Testing"
  [aurora]="Rules Host Bot RuleEngine Wire YAMLKit Codec"
)
aurora_modules="CYAML CCurl CLinuxShims YAMLKit Codec Wire RuleEngine Rules Host Bot AuroraTesting aurora Testing"
# Files that alone may import a C shim.
declare -A shim_files=(
  [CYAML]='^Sources/YAMLKit/LibYAML\.swift$'
  [CCurl]='^Sources/Bot/Transport/Curl[^/]*\.swift$'
  [CLinuxShims]='^Sources/Host/Server/(Syscall|Epoll|Socket|EventLoop)\.swift$'
)

fail=0
report() { echo "check-dependencies: $*" >&2; fail=1; }

if grep -nE '^[^/]*\.package\(' Package.swift; then
  report "Package.swift declares a package dependency; Aurora uses none"
fi

for dir in Sources/*/; do
  module=$(basename "$dir")
  [[ -v allowed[$module] ]] || continue
  while IFS= read -r hit; do
    file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
    imported=$(sed -E 's/^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal|fileprivate|private)[[:space:]]+)?import[[:space:]]+((struct|class|enum|protocol|func|var|let|typealias)[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*).*/\7/' <<<"$text")
    case " $aurora_modules " in *" $imported "*) ;; *) continue ;; esac
    [[ "$imported" == "$module" ]] && continue
    case " ${allowed[$module]} " in
      *" $imported "*) ;;
      *) report "$file:$line: $module must not import $imported (allowed: ${allowed[$module]:-the toolchain only})" ;;
    esac
    if [[ -v shim_files[$imported] ]] && ! [[ "$file" =~ ${shim_files[$imported]} ]]; then
      report "$file:$line: only files matching ${shim_files[$imported]} may import $imported"
    fi
  done < <(grep -rnE '^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal|fileprivate|private)[[:space:]]+)?import[[:space:]]' "$dir" --include='*.swift' || true)
done

# The declared target graph must stay inside the same table.
if command -v swift >/dev/null 2>&1; then
  described=$(swift package describe --type json 2>/dev/null || true)
  if [[ -n "$described" ]] && command -v python3 >/dev/null 2>&1; then
    while IFS=' ' read -r target deps; do
      [[ -v allowed[$target] ]] || continue
      for dep in $deps; do
        case " ${allowed[$target]} " in *" $dep "*) ;; *) report "Package.swift: target $target depends on $dep" ;; esac
      done
    done < <(python3 -c '
import json, sys
for t in json.load(sys.stdin)["targets"]:
    if t.get("type") in ("library", "executable"):
        print(t["name"], " ".join(t.get("target_dependencies", [])))
' <<<"$described")
  fi
fi

if [[ $fail -ne 0 ]]; then exit 1; fi
echo "check-dependencies: OK (module imports follow architecture.md §2)"
