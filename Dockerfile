# One image for the API, the scheduler and Scrapyd (see docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md scrapy.cfg scrapyd.conf ./
COPY programs ./programs
COPY crawler ./crawler
COPY search_api ./search_api
COPY ops ./ops
RUN pip install '.[scrapyd]' && mkdir -p /app/logs /app/data \
    && useradd --create-home --uid 10001 --user-group app && chown -R app:app /app/logs /app/data
# Everything runs as this unprivileged user; it can write only logs/ and data/.
USER app
# In the container Scrapyd listens on the compose network (scrapyd.conf binds 127.0.0.1 for a host
# install); ~/.scrapyd.conf is read after ./scrapyd.conf.
RUN printf '[scrapyd]\nbind_address = 0.0.0.0\n' > /home/app/.scrapyd.conf
EXPOSE 8000 6800
CMD ["gunicorn", "-c", "python:ops.gunicorn_conf", "--bind", "0.0.0.0:8000", "--workers", "4", "ops.wsgi:app"]
