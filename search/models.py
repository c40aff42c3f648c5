"""The query log: what readers searched for and how many cases each query found."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.synonym_rules import parse_rule


class LoggedQuery(models.Model):
    query = models.CharField(_("query"), max_length=200, db_index=True)
    language = models.CharField(_("language"), max_length=8)
    hits = models.PositiveIntegerField(_("hits"))
    # The spelling the results were shown for, when the words as typed found
    # (almost) nothing; empty otherwise.
    corrected_query = models.CharField(_("shown instead"), max_length=200, blank=True)
    searched_at = models.DateTimeField(_("searched at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("logged search query")
        verbose_name_plural = _("logged search queries")

    def __str__(self):
        return self.query


def log_query(outcome):
    """One row per first-page search with words (later pages are the same
    search), for the editors' report: hits counts the cases holding every
    word (0: a search whose words found no case together, whatever holds
    some of them), and a corrected query marks one whose words as typed
    found (almost) nothing."""
    params = outcome.params
    if params.words and params.page == 1:
        LoggedQuery.objects.create(
            query=params.query.lower()[:200],
            language=params.lang,
            hits=outcome.every_word_total if outcome.some_words else outcome.total,
            corrected_query=outcome.corrected_query.lower()[:200],
        )


def delete_old_queries(days, dry_run=False):
    """Delete the queries logged more than `days` days ago (they may hold
    names); returns how many there were."""
    old = LoggedQuery.objects.filter(searched_at__lt=timezone.now() - timedelta(days=days))
    count = old.count()
    if not dry_run:
        old.delete()
    return count


class PendingIndexUpdate(models.Model):
    """An object whose entry in the remote search engine is out of date
    (search/indexing.py). Written in the same transaction as the change, so
    nothing is forgotten while the engine is down; `version` tells a change
    made while the row was being sent from the change that was sent."""

    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id"], name="unique_pending_update")
        ]

    def __str__(self):
        return f"{self.model} {self.object_id}"


def _language_choices():
    from django.conf import settings

    return list(settings.LANGUAGES)


class SynonymGroup(models.Model):
    """Words a search treats as one (search/synonyms.py): "chattbot, chatbot,
    digital assistent" (each finds the others), or a one-way expansion
    "AI => artificiell intelligens, maskininlärning" (the left finds the right,
    not the other way)."""

    language = models.CharField(_("language"), max_length=8, choices=_language_choices)
    terms = models.CharField(
        _("words"),
        max_length=500,
        help_text=_(
            "Words that mean the same, separated by commas: "
            "“chatbot, chattbot, digital assistant”. For a one-way expansion, "
            "put the word searched for before =>: “AI => artificial intelligence, "
            "machine learning”."
        ),
    )

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")
        ordering = ["language", "terms"]

    def __str__(self):
        return self.terms

    def clean(self):
        sources, targets = parse_rule(self.terms)
        if len(targets) < 2:
            raise ValidationError(
                {"terms": _("Give at least two words or phrases, separated by commas.")}
            )
        if "=>" in self.terms and not sources:
            raise ValidationError({"terms": _("Put a word before =>.")})
