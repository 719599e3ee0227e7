#!/usr/bin/env bash
# Builds a service's container image as a tar, with no Docker daemon and no registry:
#   1. build-base-image.sh: jlinked Java runtime + glibc + user 10001  -> target/image/java-base.tar
#      (built once, reused; delete it to rebuild)
#   2. the service's application directory (jars) -> target/image/<service>-app/
#   3. Jib (k8s/image/pom.xml, jib:buildTar) lays it onto tar://java-base.tar -> target/image/<service>.tar
# Load the result with `docker load -i`, `podman load -i`, or `skopeo copy docker-archive:<tar> ...`.
#
# Usage (from anywhere in the repo):
#   k8s/image/build-image.sh relay      # socketdock/relay: plain jars, main class below
#   k8s/image/build-image.sh mediator   # mediator: Quarkus fast-jar (target/quarkus-app)
#   k8s/image/build-image.sh custom MODULE IMAGE_NAME (--main CLASS | --fast-jar)
# Environment: IMAGE_TAG (default: the project version), SKIP_MAVEN_BUILD=1 (fast-jar: reuse target/quarkus-app).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
tag=${IMAGE_TAG:-$version}
out="$repo/target/image"

case "${1:-}" in
  relay) module=socketdock/relay; name=switchboard/socketdock; mode=--main; main=dev.switchboard.socketdock.relay.Main ;;
  mediator) module=mediator; name=switchboard/mediator; mode=--fast-jar; main= ;;
  custom) module=${2:?module}; name=${3:?image name}; mode=${4:?--main CLASS or --fast-jar}; main=${5:-} ;;
  *) echo "usage: build-image.sh relay|mediator|custom MODULE IMAGE_NAME (--main CLASS|--fast-jar)" >&2; exit 2 ;;
esac
[[ -d "$module" ]] || { echo "build-image: no module directory '$module' in $repo" >&2; exit 1; }
artifact=$(sed -n 's:^  <artifactId>\(.*\)</artifactId>:\1:p' "$module/pom.xml" | head -1)
app="$out/${name##*/}-app"
rm -rf "$app"; mkdir -p "$app/lib"

case "$mode" in
  --main)
    [[ -n "$main" ]] || { echo "build-image: --main needs a class name" >&2; exit 2; }
    # One reactor run (incremental): sibling modules resolve from this build, not from a repository.
    ./mvnw -B -q -pl "$module" -am package dependency:copy-dependencies -DskipTests \
      -DincludeScope=runtime -DoutputDirectory="$app/lib"
    cp "$module/target/$artifact-$version.jar" "$app/$artifact.jar"
    entrypoint="java,-cp,/app/$artifact.jar:/app/lib/*,$main"
    ;;
  --fast-jar)
    if [[ "${SKIP_MAVEN_BUILD:-0}" != 1 ]]; then
      ./mvnw -B -q -pl "$module" -am package -DskipTests
    fi
    [[ -f "$module/target/quarkus-app/quarkus-run.jar" ]] || { echo "build-image: $module/target/quarkus-app/quarkus-run.jar missing (not a Quarkus fast-jar build?)" >&2; exit 1; }
    # quarkus-app/ as is: lib/boot + lib/main (one layer), app/ + quarkus/ + quarkus-run.jar (another).
    cp -r "$module/target/quarkus-app/." "$app/"
    entrypoint="java,-jar,/app/quarkus-run.jar"
    ;;
  *) echo "build-image: mode must be --main CLASS or --fast-jar" >&2; exit 2 ;;
esac

[[ -f "$out/java-base.tar" ]] || k8s/image/build-base-image.sh "$out/java-base.tar"
mkdir -p k8s/image/target/classes   # Jib insists on a (here empty) classes directory
./mvnw -B -q -f k8s/image/pom.xml jib:buildTar \
  -Dimage.base="tar://$out/java-base.tar" -Dimage.app.dir="$app" -Dimage.ref="$name:$tag" \
  -Dimage.tar="$out/${name##*/}.tar" -Djib.container.entrypoint="$entrypoint"
echo "build-image: wrote $out/${name##*/}.tar ($name:$tag); load with: docker load -i $out/${name##*/}.tar" >&2
