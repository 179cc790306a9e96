"""A page's place in the tree is the database's to say, never an in-memory copy's.

django-treebeard keeps ``path``, ``depth`` and ``numchild`` with SQL ``UPDATE``s (adding a child
raises the parent's ``numchild`` in the database, and on the one parent object it was handed).
Any other copy of that page in memory goes stale, and a later full ``save()`` of it writes the
stale values back.

That is what broke translated consultations (issue 14). wagtail-localize's
``create_or_update_translation`` saves a revision of the new Welsh consultation and defers its
publication to ``transaction.on_commit``. The revision keeps that in-memory page (its
``content_object``), and Wagtail's ``Page.with_content_json`` copies ``numchild`` from it when the
revision is published. With "Include subtree", the children are added in the same transaction
after that copy was made, so at commit the publish saved the parent with ``numchild = 0``:
treebeard then sees a leaf, ``get_children()`` is empty and "Respond online" is a 404. The same
happens to any page published or saved from a copy loaded before its children changed.

So before a page already in the database is saved, its tree fields are read afresh (one small
query), unless the caller names them in ``update_fields`` (Wagtail's recursive copy does, to set
``numchild`` on purpose). New pages are left alone: treebeard sets their place before saving.
"""

from django.db.models.signals import pre_save

from wagtail.models import Page

TREE_FIELDS = ("path", "depth", "numchild")


def keep_tree_fields_from_database(
    sender, instance, raw=False, update_fields=None, **kwargs
) -> None:
    if raw or not isinstance(instance, Page) or instance._state.adding or instance.pk is None:
        return
    fields = [f for f in TREE_FIELDS if update_fields is None or f not in update_fields]
    if not fields:
        return
    stored = Page.objects.filter(pk=instance.pk).values(*fields).first()
    if stored is None:
        return
    for field, value in stored.items():
        setattr(instance, field, value)


def connect() -> None:
    pre_save.connect(keep_tree_fields_from_database, dispatch_uid="home.tree.keep_tree_fields")
