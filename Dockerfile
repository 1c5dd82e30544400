# The dutygraph API (`dutygraph serve`) with its browser explorer, for docker-compose.yml.
# Stage 1 builds the explorer (web/dist) with npm; stage 2 is Python only and installs it
# inside the package.
FROM node:20-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml setup.py README.md ./
COPY dutygraph/ dutygraph/
COPY loaders/ loaders/
COPY graph/ graph/
COPY schema/ schema/
COPY api/ api/
# setup.py packs the built explorer into the installed package (dutygraph/web)
COPY --from=web /src/web/dist/ web/dist/
RUN pip install --no-cache-dir . && useradd --system --home /app dutygraph
COPY samples/ samples/
USER dutygraph
EXPOSE 8000
CMD ["dutygraph", "serve", "samples/luhe-old-area-plan.txt", "--host", "0.0.0.0"]
