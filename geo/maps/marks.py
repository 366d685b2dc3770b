"""How a mark is filled and outlined, in plain values every renderer reads the same way.

The live Leaflet map, the one-file HTML map, their legends and a static picture
(matplotlib, SVG) all draw a :class:`MarkLook` from these numbers and nothing else,
so a look cannot differ between them. Sizes are CSS pixels for a point mark
:data:`MARK_PX` wide (matplotlib: points at 72 per inch, the same numbers)::

    look = MarkLook(fill=Fill.HALF, area_opacity=0.22, dash=(), width=2.5)
    # a disc: whole, lower half or no fill in the item's colour, white elsewhere;
    # an outline `width` wide, solid or dashed `dash` (on, off, on, off ... in px);
    # an area (a region): filled at `area_opacity`, outlined the same way;
    # a line (a movement): `width + LINE_EXTRA_PX` wide, dashed the same way,
    # its arrowhead filled as the disc is.

The looks stand apart by fill and outline, never by colour alone: a reader who
cannot tell the colours apart, or a page printed in grey, still tells them apart.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

MARK_PX = 24
"""A point mark's diameter, outline included."""
LINE_EXTRA_PX = 1.0
"""How much wider than a mark's outline a movement line is drawn."""


class Fill(StrEnum):
    """How much of a point mark (and of a movement's arrowhead) is filled with its colour."""

    FULL = "full"
    HALF = "half"
    """The lower half: the mark reads as a half-full disc."""
    NONE = "none"


class MarkLook(BaseModel):
    """A mark's fill and outline; see the module docstring for how each renderer uses it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fill: Fill
    area_opacity: float = Field(ge=0, le=1)
    """Fill opacity of an area drawn for a region."""
    dash: tuple[float, ...] = ()
    """Outline dash pattern in px (on, off, ...); empty is a solid outline."""
    width: float = Field(gt=0, le=6)
    """Outline width in px."""

    @property
    def dash_array(self) -> str | None:
        """The dash as an SVG / Leaflet ``dashArray``, or None when solid."""
        return " ".join(f"{length:g}" for length in self.dash) or None


def disc_geometry(look: MarkLook, size: float = MARK_PX) -> tuple[float, float]:
    """The centre and radius of a mark's outline in a ``size`` box, leaving room for the
    outline and a 1 px halo outside it (the same numbers ``event-atlas.js`` uses)."""
    centre = size / 2
    return centre, centre - look.width / 2 - 1


def look_svg(look: MarkLook, size: float = 18) -> str:
    """The look as an SVG disc in the text's colour (``currentColor``), for static HTML such
    as a legend: the same shapes and classes ``event-atlas.js`` draws a mark with."""
    centre, radius = disc_geometry(look, size)
    disc = f'cx="{centre:g}" cy="{centre:g}" r="{radius:g}"'
    shapes = [f'<circle class="ea-look-ground" {disc}/>']
    if look.fill is Fill.FULL:
        shapes.append(f'<circle class="ea-look-fill" {disc} fill="currentColor"/>')
    elif look.fill is Fill.HALF:
        shapes.append(f'<path class="ea-look-fill" d="{half_disc_path(centre, radius)}" fill="currentColor"/>')
    dash = f' stroke-dasharray="{look.dash_array}"' if look.dash_array else ""
    shapes.append(f'<circle class="ea-look-outline" {disc} fill="none" stroke="currentColor" '
                  f'stroke-width="{look.width:g}"{dash}/>')
    return (f'<svg class="ea-look" width="{size:g}" height="{size:g}" viewBox="0 0 {size:g} {size:g}" '
            f'aria-hidden="true">{"".join(shapes)}</svg>')


def half_disc_path(centre: float, radius: float) -> str:
    """The SVG path of the lower half of a disc (screen y grows downwards)."""
    return (f"M {centre - radius:g} {centre:g} A {radius:g} {radius:g} 0 0 0 {centre + radius:g} {centre:g} Z")


SOLID = MarkLook(fill=Fill.FULL, area_opacity=0.35, width=2.5)
"""The look of an item given none."""

__all__ = ["LINE_EXTRA_PX", "MARK_PX", "SOLID", "Fill", "MarkLook", "disc_geometry", "half_disc_path", "look_svg"]
