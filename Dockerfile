# Builds the grader binary and runs it on a small base image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/grader ./cmd/grader

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates wget && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/grader /usr/local/bin/grader
COPY samples/notes /srv/notes
USER nobody
EXPOSE 8080
ENTRYPOINT ["grader"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
