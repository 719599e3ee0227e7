#!/usr/bin/env bash
# Builds a minimal Java base image as an image archive WITHOUT a Docker daemon or a registry:
#   - a jlink'ed Java runtime (from the local JDK >= 21) at /opt/java,
#   - the glibc shared objects that runtime links against (copied from this machine, like a
#     distroless base), /etc/passwd + /etc/group with the unprivileged user 10001 ("app"),
#     /etc/nsswitch.conf, a world-writable sticky /tmp and an empty /app,
#   - image config: User 10001:10001, PATH=/opt/java/bin:..., JAVA_HOME=/opt/java, WorkingDir /app.
# The archive is written in the combined layout `docker save` (Docker >= 25) produces: a
# docker-archive (manifest.json, repositories) and an OCI image layout (oci-layout, index.json,
# blobs/sha256/...) sharing the same blobs, so `docker load`, `podman load`, `skopeo copy
# docker-archive:` / `oci-archive:` and Jib (`tar://`) all read it.
#
# Usage: build-base-image.sh OUT_TAR [IMAGE_REF] [MODULES]
#   OUT_TAR    where to write the archive (its directory is created)
#   IMAGE_REF  tag recorded in the archive (default switchboard/java-base:25)
#   MODULES    jlink --add-modules list (default: what the relay and a Quarkus app need)
# Environment: JAVA_HOME (a JDK >= 21 whose jlink works without jmods, e.g. Temurin 25), SOURCE_DATE_EPOCH.
set -euo pipefail

out=${1:?usage: build-base-image.sh OUT_TAR [IMAGE_REF] [MODULES]}
ref=${2:-switchboard/java-base:25}
modules=${3:-java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs}
epoch=${SOURCE_DATE_EPOCH:-0}
java_major() { # major version of the JDK in $1, or nothing
  local v
  v=$("$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || return 0
  v=${v#1.}; echo "${v%%[.-]*}"
}
# The JDK to link from: $JAVA_HOME if >= 21, else the newest JDK >= 21 under /usr/lib/jvm (as ./mvnw).
java_home=""
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jlink" ]] && (( $(java_major "$JAVA_HOME") >= 21 )); then
  java_home=$JAVA_HOME
else
  best_v=0
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [[ -x "$d/bin/jlink" && ! -L "$d" ]] || continue
    v=$(java_major "$d"); [[ -n "$v" ]] || continue
    if (( v >= 21 && v > best_v )); then java_home=$d; best_v=$v; fi
  done
fi
[[ -n "$java_home" ]] || { echo "build-base-image: no JDK >= 21 with jlink (set JAVA_HOME)" >&2; exit 1; }
jlink="$java_home/bin/jlink"
[[ "$(uname -m)" == x86_64 ]] || { echo "build-base-image: only linux/amd64 is supported (this is $(uname -m))" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{opt,app,etc,tmp,lib64} "$root/lib/x86_64-linux-gnu"

# 1. The Java runtime.
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$root/opt/java" >&2

# 2. The shared objects it needs (resolved through symlinks, kept under their sonames).
libs=$({ ldd "$root/opt/java/bin/java"; find "$root/opt/java" -name '*.so' -exec ldd {} \; ; } 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/lib/ {print $1}' | grep -v "^$root" | sort -u)
# glibc's resolver pieces are loaded with dlopen, never shown by ldd.
for extra in libnss_files.so.2 libnss_dns.so.2 libresolv.so.2; do
  [[ -e /lib/x86_64-linux-gnu/$extra ]] && libs+=$'\n'"/lib/x86_64-linux-gnu/$extra"
done
while IFS= read -r lib; do
  [[ -n "$lib" ]] || continue
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done <<< "$libs"
[[ -e "$root/lib64/ld-linux-x86-64.so.2" ]] || cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"

# 3. Users, name service, directories.
printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:switchboard:/app:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\napp:x:10001:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"

# 4. One layer, reproducible (sorted, fixed owner and time).
layer="$work/layer.tar"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$root" -cf "$layer" .
layer_sha=$(sha256sum "$layer" | cut -d' ' -f1)
layer_size=$(stat -c %s "$layer")

created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
java_version=$("$root/opt/java/bin/java" -version 2>&1 | head -1 | tr -d '"\\')
config=$(printf '{"architecture":"amd64","os":"linux","created":"%s","config":{"User":"10001:10001","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"WorkingDir":"/app","Labels":{"org.opencontainers.image.title":"%s","org.opencontainers.image.description":"jlinked %s on glibc, user 10001"}},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"%s","created_by":"k8s/image/build-base-image.sh (jlink %s)"}]}' \
  "$created" "$ref" "$java_version" "$layer_sha" "$created" "$modules")
config_sha=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
config_size=$(printf '%s' "$config" | wc -c)
manifest=$(printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%d}]}' \
  "$config_sha" "$config_size" "$layer_sha" "$layer_size")
manifest_sha=$(printf '%s' "$manifest" | sha256sum | cut -d' ' -f1)
manifest_size=$(printf '%s' "$manifest" | wc -c)

arc="$work/archive"
mkdir -p "$arc/blobs/sha256"
mv "$layer" "$arc/blobs/sha256/$layer_sha"
printf '%s' "$config" > "$arc/blobs/sha256/$config_sha"
printf '%s' "$manifest" > "$arc/blobs/sha256/$manifest_sha"
printf '{"imageLayoutVersion":"1.0.0"}' > "$arc/oci-layout"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
  "$manifest_sha" "$manifest_size" "$ref" "${ref##*:}" > "$arc/index.json"
printf '[{"Config":"blobs/sha256/%s","RepoTags":["%s"],"Layers":["blobs/sha256/%s"]}]' \
  "$config_sha" "$ref" "$layer_sha" > "$arc/manifest.json"

mkdir -p "$(dirname "$out")"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$arc" -cf "$out" blobs index.json manifest.json oci-layout
echo "build-base-image: wrote $out ($ref, $(du -h "$out" | cut -f1), layer sha256:$layer_sha)" >&2
