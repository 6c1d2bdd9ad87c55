# Een image met protocolgen en de systeembibliotheken die het nodig heeft, zodat een pipeline
# één regel is:   docker run --rm -v "$PWD:/werk" protocolgen build protocollen/*.yaml
# Bouwen:         docker build -t protocolgen .
# De versies komen uit constraints.txt: dezelfde als in de tests, dus dezelfde documenten.
# De lettertypen (Noto Sans) zitten in protocolgen zelf.
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 git \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/protocolgen
COPY pyproject.toml constraints.txt README.md LICENSE ./
COPY src ./src
COPY templates ./templates
COPY protocols ./protocols
RUN pip install --no-cache-dir -c constraints.txt . \
    && useradd --create-home --uid 1000 protocolgen

USER protocolgen
WORKDIR /werk
ENTRYPOINT ["protocolgen"]
CMD ["--help"]
