"""Give Wagtail's Editors and Moderators groups rights over the site's own records and media.

Wagtail's migrations give both groups page rights and rights on its default image and
document models; this project swaps those models, so the rights are granted again on ours.
Editors write and manage shared records; Moderators may also delete them, run the member
city directory and change site settings.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODEL_PERMISSIONS = {
    "topic": ["add", "change", "view"],
    "person": ["add", "change", "view"],
    "testimonial": ["add", "change", "view"],
    "membercity": ["view"],
}
MODERATOR_MODEL_PERMISSIONS = {
    "topic": ["add", "change", "delete", "view"],
    "person": ["add", "change", "delete", "view"],
    "testimonial": ["add", "change", "delete", "view"],
    "membercity": ["add", "change", "delete", "view"],
    "sitesettings": ["change"],
}
# Codenames on the custom media models ("choose" keeps Wagtail's abstract model's name).
COLLECTION_PERMISSIONS = [
    "add_customimage",
    "change_customimage",
    "choose_image",
    "add_customdocument",
    "change_customdocument",
    "choose_document",
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    def permission(codename):
        return Permission.objects.get(content_type__app_label="home", codename=codename)

    root_collection = Collection.objects.filter(depth=1).first()
    for name, model_permissions in (
        ("Editors", EDITOR_MODEL_PERMISSIONS),
        ("Moderators", MODERATOR_MODEL_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        for model, actions in model_permissions.items():
            group.permissions.add(*(permission(f"{action}_{model}") for action in actions))
        if root_collection is None:
            continue
        for codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial_content_model"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
