# Sluice runtime image: API, worker and the built designer. Roles: `all` (default), `api`, `worker`.
FROM node:20-bookworm AS build
WORKDIR /app
# isolated-vm builds from source: g++, make and python3 come with the full bookworm image.
COPY . .
RUN npm ci && npm run build -w @sluice/designer

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
ENV PORT=8080 SLUICE_DATA_DIR=/data HOST=0.0.0.0
VOLUME /data
EXPOSE 8080
WORKDIR /app/apps/runtime
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The runtime's node flags: bin/node-flags.mjs (test/node-flags.test.ts keeps this line in step).
ENTRYPOINT ["node", "--no-node-snapshot", "--max-semi-space-size=128", "--min-semi-space-size=128", "--import", "tsx", "src/main.ts"]
CMD ["all"]
