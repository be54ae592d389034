#!/usr/bin/env bash
# System packages the tests need: the MariaDB client library (for mysqlclient),
# Debian's Chromium (browser tests), Pango, fonts, poppler and LibreOffice for
# documents; then MariaDB and Redis running.
set -euo pipefail

need=()
pkg-config --exists libmariadb 2>/dev/null || need+=(libmariadb-dev pkg-config)
command -v chromium >/dev/null || need+=(chromium)
command -v mariadb >/dev/null || need+=(mariadb-server mariadb-client)
command -v redis-server >/dev/null || need+=(redis-server)
# Official documents: WeasyPrint needs Pango; the serif metric-compatible with Times
# New Roman (Decree 30/2020) is Liberation Serif; poppler reads the PDFs back.
ldconfig -p | grep -q libpangoft2 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation fontconfig)
# Version 2 of Liberation has the Vietnamese letters; the first one falls back to
# another font for them.
fc-list 2>/dev/null | grep -q "liberation2/LiberationSerif" || need+=(fonts-liberation2)
command -v pdftotext >/dev/null || need+=(poppler-utils)
# A second reader for the DOCX files: LibreOffice opens them and converts them to PDF.
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
# A software PKCS#11 token, to sign as a USB token would (the signing tests).
command -v softhsm2-util >/dev/null || need+=(softhsm2)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages: ${need[*]} (install them as root)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! mariadb-admin -h 127.0.0.1 -u root ping >/dev/null 2>&1; then
  echo "Starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 30); do
    mariadb-admin -h 127.0.0.1 -u root ping >/dev/null 2>&1 && break
    sleep 1
  done
fi
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  echo "Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 10); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
fi
mariadb-admin -h 127.0.0.1 -u root ping >/dev/null
redis-cli -h 127.0.0.1 ping >/dev/null
