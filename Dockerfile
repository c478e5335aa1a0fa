# vpcdocs in a container, for CI systems other than GitHub Actions: Debian 12 (slim) with
# Python 3.11, Graphviz and the DejaVu fonts (the versions this project's CI uses, so diagrams
# come out byte-identical), git (`vpcdocs diff` reads revisions), and vpcdocs built from this
# folder (the build context). Nothing is downloaded at run time.
#
#   docker build -t vpcdocs:0.1.0 .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" vpcdocs:0.1.0 build specs
#
# The base image is pinned by tag. For reproducible images pin its digest as well:
#   docker buildx imagetools inspect python:3.11-slim-bookworm
#   FROM python:3.11-slim-bookworm@sha256:<the index digest it prints>
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build the wheel from the source (the sources stay out of the final image) -------------
FROM ${PYTHON_IMAGE} AS wheel
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY vpcdocs ./vpcdocs
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir /dist .

# --- the image ------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="vpcdocs" \
      org.opencontainers.image.description="AWS network specs to route tables, reachability, diagrams and an MkDocs site" \
      org.opencontainers.image.licenses="Apache-2.0"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Debian 12's package versions only change with security fixes; pinning them would break the
# build when the mirror moves on. git: the container only reads the repository mounted at
# /work, whoever owns it (no "dubious ownership" refusal).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends graphviz fonts-dejavu-core git \
 && rm -rf /var/lib/apt/lists/* \
 && git config --system --add safe.directory '*'

# the wheel carries its own dependency pins; the aws extra adds boto3 for `vpcdocs import aws`
COPY --from=wheel /dist/ /tmp/dist/
RUN python -m pip install --no-cache-dir "$(find /tmp/dist -name 'vpcdocs-*.whl')[aws]" \
 && rm -rf /tmp/dist \
 && vpcdocs --version \
 && dot -V

# an unprivileged user (numeric, so runtimes can verify it is not root)
RUN useradd --create-home --uid 10001 --user-group vpcdocs
USER 10001:10001
WORKDIR /work

ENTRYPOINT ["vpcdocs"]
CMD ["--help"]
