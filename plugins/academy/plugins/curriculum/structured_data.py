"""schema.org `LearningResource` data for module pages, for search engines and learning platforms."""

from __future__ import annotations

from typing import Any

from ...core.curriculum import Module
from ...core.project import Project


def learning_resource(project: Project, module: Module, url: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": module.title,
        "description": module.summary,
        "educationalLevel": module.level,
        "timeRequired": f"PT{module.duration}M",
        "learningResourceType": "workshop",
        "teaches": module.objectives,
        "inLanguage": project.site.language if project.site else "en",
    }
    if url:
        data["url"] = url
    if project.site:
        data["provider"] = {"@type": "Organization", "name": project.site.organisation, "url": project.site.issuer.url}
    track = project.track_of(module)
    if track:
        part = {"@type": "Course", "name": track.title, "description": track.summary}
        if project.site:
            part["url"] = f"{project.site.url}tracks/{track.id}/"
        data["isPartOf"] = part
    return data
