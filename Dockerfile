# syntax=docker/dockerfile:1
# The grader service as a container image.
#
# Build stage: a static binary (CGO_ENABLED=0: no libc needed at run time).
# Final stage: distroless/static, which holds CA certificates (model servers
# over HTTPS), time zone data and a passwd entry for the unprivileged user
# 65532, and nothing else: no shell, no package manager, no wget or curl. The
# HEALTHCHECK is therefore the binary's own probe, `grader healthcheck`.
#
#   docker build -t grader .
#   docker run -e DATABASE_URL=... -e GRADER_API_TOKEN=... -p 8080:8080 grader
#
# compose.yaml runs it with PostgreSQL + pgvector (see README, "Deploying").

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w" -o /out/grader ./cmd/grader

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/grader /usr/local/bin/grader
# The sample notes, for `grader ingest /srv/notes` (compose profile "samples").
COPY samples/notes /srv/notes
# distroless's "nonroot", by number so that Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
EXPOSE 8080
# Liveness: the process answers HTTP. (/readyz, which also pings the
# database, is for a load balancer: a database outage should take instances
# out of rotation, not mark every container unhealthy.)
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/grader", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/grader"]
# Beyond loopback the service needs GRADER_API_TOKEN (or --insecure-no-auth).
CMD ["serve", "--addr", "0.0.0.0:8080"]
