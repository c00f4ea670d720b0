"""How ``auditor text`` shows a reviewed note: highlighted spans, category in plain French, advice."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

CATEGORY_FR = {
    "judgement": "jugement ou appréciation subjective",
    "hypothesis": "supposition présentée comme un fait",
    "health": "donnée de santé",
    "sexuality": "vie sexuelle ou orientation sexuelle",
    "religion": "conviction religieuse",
    "origin": "origine raciale ou ethnique",
    "political": "opinion politique ou appartenance syndicale",
    "criminal": "infraction ou condamnation",
    "immigration": "situation irrégulière de séjour",
    "third_party": "tiers nommé",
    "identifier": "identifiant ou coordonnée",
}
ADVICE = {
    "judgement": "Décrivez des faits observés et datés plutôt qu'une appréciation de la personne.",
    "hypothesis": "N'écrivez pas une supposition comme un fait ; notez ce qui a été constaté ou dit, et par qui.",
    "health": "Une donnée de santé n'a sa place que si elle est nécessaire à l'accompagnement, avec l'accord de la personne.",
    "sexuality": "Donnée sensible (RGPD art. 9) : ne l'écrivez pas sauf nécessité absolue.",
    "religion": "Donnée sensible (RGPD art. 9) : ne l'écrivez pas sauf nécessité absolue.",
    "origin": "Donnée sensible (RGPD art. 9) : ne l'écrivez pas sauf nécessité absolue.",
    "political": "Donnée sensible (RGPD art. 9) : ne l'écrivez pas sauf nécessité absolue.",
    "criminal": "Les infractions et condamnations (RGPD art. 10) ne se notent que si un texte l'autorise.",
    "immigration": "La situation de séjour ne se note que si la prestation en dépend.",
    "third_party": "Évitez de nommer des tiers : désignez-les par leur lien (« sa sœur », « le bailleur »).",
    "identifier": "Un identifiant ou une coordonnée n'a pas sa place dans un texte libre : utilisez les champs prévus.",
}


def review_to_json(reviews: list[list[Any]]) -> dict[str, Any]:
    """JSON per the contract's text.schema.json."""
    notes = []
    for i, flags in enumerate(reviews):
        items = []
        for f in flags:
            item: dict[str, Any] = {"category": f.category, "start": f.start, "end": f.end}
            if getattr(f, "suggestion", None):
                item["suggestion"] = f.suggestion
            items.append(item)
        notes.append({"index": i, "flags": items})
    return {"schema_version": 1, "notes": notes}


def print_review(notes: list[str], reviews: list[list[Any]], console: Console) -> None:
    """Each note with its flagged spans highlighted, then one line per flag."""
    total = sum(len(r) for r in reviews)
    for i, (note, flags) in enumerate(zip(notes, reviews)):
        if len(notes) > 1:
            console.print(f"[bold]Note {i + 1}[/bold]")
        text = Text(note)
        for f in flags:
            text.stylize("reverse bold", f.start, f.end)
        console.print(text)
        if not flags:
            console.print("  Rien à signaler.")
        for f in flags:
            words = note[f.start:f.end]
            advice = getattr(f, "suggestion", None) or ADVICE.get(f.category, "")
            console.print(f"  « {words} » : {CATEGORY_FR.get(f.category, f.category)}. {advice}")
        console.print()
    console.print(f"{total} passage(s) à revoir. Rappel : la personne peut lire tout ce qui est écrit sur elle (RGPD art. 15).")
