"""Build search_api/static/map/us-states.json, the state outlines the results map draws.

Input: ``states-10m.json`` of the npm package us-atlas 3.0.1 (TopoJSON of the US Census Bureau's
cartographic boundary files, 1:10,000,000). Output: for each state its name and its rings as flat
[lon, lat, lon, lat, ...] lists in degrees with two decimals, simplified (Douglas-Peucker) so the
file stays small. Run by hand when the data should change:

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python scripts/us_states.py package/states-10m.json search_api/static/map/us-states.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOLERANCE_DEGREES = 0.04


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (lon, lat) points (TopoJSON arcs are delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(
    ring: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    """One ring from its arc indexes (a negative index ~i is arc i reversed)."""
    out: list[tuple[float, float]] = []
    for index in ring:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        out.extend(points[1:] if out else points)
    return out


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; keeps the first and last point."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm:
                dist = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            else:
                dist = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if dist > worst:
                worst, worst_at = dist, i
        if worst > tolerance:
            keep[worst_at] = True
            stack.append((first, worst_at))
            stack.append((worst_at, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def states(topology: dict, tolerance: float = TOLERANCE_DEGREES) -> list[dict]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["states"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for ring in polygon:
                points = simplify(ring_points(ring, arcs), tolerance)
                if len(points) >= 4:
                    rings.append([round(v, 2) for point in points for v in point])
        out.append({"name": geometry["properties"]["name"], "rings": rings})
    return sorted(out, key=lambda s: s["name"])


def main(argv: list[str]) -> None:
    source, target = Path(argv[1]), Path(argv[2])
    data = {
        "source": "us-atlas 3.0.1 states-10m.json (US Census Bureau cartographic boundaries)",
        "tolerance_degrees": TOLERANCE_DEGREES,
        "states": states(json.loads(source.read_text())),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv)
