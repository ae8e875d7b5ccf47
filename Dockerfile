# The kubesim image for running studies on a Kubernetes cluster (docs/studies.md): built from the
# official Swift image, then only the binary and the example scenarios in a slim runtime image.
#   docker build -t kubesim .
#   kubesim sweep scenarios/quickstart.yaml --grid ... --emit-job --image kubesim --shards 8 --claim results
FROM swift:6.1-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product kubesim --static-swift-stdlib

FROM debian:bookworm-slim
# The binary needs only glibc, libstdc++ and libgcc (the Swift libraries are linked in); CronJob
# time zones are read from the zone database.
RUN apt-get update && apt-get install -y --no-install-recommends tzdata && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/.build/release/kubesim /usr/local/bin/kubesim
COPY scenarios /kubesim/scenarios
WORKDIR /kubesim
CMD ["kubesim", "--help"]
