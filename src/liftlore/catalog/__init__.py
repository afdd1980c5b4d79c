"""The bundled catalog: muscle groups, equipment, drills and exercises written by this project."""

from pathlib import Path

CATALOG_DIR = Path(__file__).parent
