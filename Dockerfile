# One image for the API, the scheduler and Scrapyd (see docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md scrapy.cfg scrapyd.conf ./
COPY programs ./programs
COPY crawler ./crawler
COPY search_api ./search_api
COPY ops ./ops
COPY index_config ./index_config
COPY datasets ./datasets
RUN pip install '.[scrapyd]' && mkdir -p /app/logs /app/data
ENV PROGRAMS_INDEX_CONFIG=/app/index_config
EXPOSE 8000 6800
CMD ["gunicorn", "-c", "python:ops.gunicorn_conf", "--bind", "0.0.0.0:8000", "--workers", "4", "ops.wsgi:app"]
