# The archive in a container. Build: docker build -t news-archive .
# Run (README, "Docker"): docker run -p 5000:5000 -v news-archive-data:/data \
#     -e ARCHIVE_UPLOAD_TOKEN=... news-archive

# Build stage: the pinned, hashed dependencies and the project, in a venv copied below.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /src/
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r /src/requirements.txt
COPY pyproject.toml README.md /src/
COPY seeds /src/seeds
COPY archive /src/archive
COPY index /src/index
COPY web /src/web
# No build isolation: setuptools comes from the hashed lock, so nothing unpinned is fetched.
RUN /opt/venv/bin/pip install --no-deps --no-build-isolation /src

# Runtime stage: Python, the venv, a user without privileges, the archive on a volume.
FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    ARCHIVE_DATA=/data \
    ARCHIVE_HOST=0.0.0.0 \
    ARCHIVE_PORT=5000
RUN useradd --system --user-group --uid 10001 --home-dir /data --no-create-home archive \
    && mkdir /data && chown archive:archive /data
COPY --from=build /opt/venv /opt/venv
USER archive
WORKDIR /data
VOLUME ["/data"]
EXPOSE 5000
# 127.0.0.1 is a host name the archive always answers; a 503 (or no answer) fails the check.
# The start period covers a first start (the seed article through the NLP model) and the
# rebuild of a missing or damaged index, which happens before the server listens.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('ARCHIVE_PORT', '5000'), timeout=4)"]
# serve ingests the seed article into an empty /data first, as `make run` does. It refuses
# to listen on 0.0.0.0 without ARCHIVE_UPLOAD_TOKEN (16+ characters); exec form, so
# `docker stop` sends SIGTERM to it and it stops cleanly.
CMD ["news-archive", "serve"]
