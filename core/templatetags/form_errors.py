"""The error summary at the top of a form (the GOV.UK pattern) and the
"Error:" prefix of the page title after a failed submit.

{% error_summary form formset ... error=message %} lists every field error as
a link to the field; a formset may name its rows with `row_label`, a lazily
translated "Lesson %(n)s"."""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


def field_anchor(bound_field):
    """The id of the field's input; a group of radios or checkboxes has none
    of its own, so the first choice's."""
    return bound_field.id_for_label or bound_field.field.widget.id_for_label(
        bound_field.auto_id, "0"
    )


def form_items(form, row=None):
    items = []
    for error in form.non_field_errors():
        items.append({"text": f"{row}: {error}" if row else error, "anchor": None})
    for bound_field in form:
        for error in bound_field.errors:
            label = f"{row}, {str(bound_field.label).lower()}" if row else bound_field.label
            items.append({"text": f"{label}: {error}", "anchor": field_anchor(bound_field)})
    return items


def formset_items(formset):
    row_label = getattr(formset, "row_label", None)
    first = next(iter(formset.forms[0]), None) if formset.forms else None
    items = [
        {"text": error, "anchor": field_anchor(first) if first else None}
        for error in formset.non_form_errors()
    ]
    for n, form in enumerate(formset.forms, 1):
        items += form_items(form, row=str(row_label % {"n": n}) if row_label else str(n))
    return items


@register.inclusion_tag("components/error_summary.html")
def error_summary(*forms, error=None):
    items = [{"text": error, "anchor": None}] if error else []
    for form in forms:
        if isinstance(form, BaseFormSet):
            items += formset_items(form)
        elif isinstance(form, BaseForm):
            items += form_items(form)
    return {"items": items, "fields": any(item["anchor"] for item in items)}


def has_errors(value):
    # type(), not isinstance(): isinstance() would evaluate a lazy value such
    # as the context's csrf_token, which sets a cookie and makes the page
    # uncacheable.
    if issubclass(type(value), BaseFormSet):
        return value.is_bound and not value.is_valid()
    return issubclass(type(value), BaseForm) and value.is_bound and bool(value.errors)


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """'Error: ' when a form on the page came back with errors."""
    if any(has_errors(value) for value in context.flatten().values()):
        return _("Error:") + " "
    return ""
