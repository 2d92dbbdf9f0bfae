# The service image: Node 20, locked dependencies, TypeScript loaded by tsx (no compile step to drift),
# the staff console built at image build time.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci applies patches/ (postinstall: patch-package)
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run console:build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
# ffmpeg turns residents' voice messages (AMR) into MP3 the console plays (src/media/voice-audio.ts)
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
# in a container, loopback is the container's own: listen on every interface even in local mode
# (the published port is the boundary), which outside a container listens on 127.0.0.1 only
ENV HOST=0.0.0.0
COPY --from=build /app /app
USER node
EXPOSE 3000
# node itself is PID 1 and gets SIGTERM: the tsx CLI would SIGKILL a child that is busy for 30 ms.
# The flags are npm start's (package.json): a larger young generation, so each message's short-lived
# objects cost fewer scavenges (npm run bench's experiment row shows what it buys)
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "src/main.ts"]
