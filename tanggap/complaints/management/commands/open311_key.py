"""Issue, list or revoke the API key of an Open311 client app.

    manage.py open311_key issue <region_slug> "<app name>" [--key VALUE]
    manage.py open311_key list <region_slug>
    manage.py open311_key revoke <region_slug> <key_prefix or id>

`issue` prints the key once; only its hash is stored. `--key` registers a key chosen elsewhere (at
least 16 characters; it then sits in the shell history, so prefer the generated one).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tanggap.complaints.models import Open311Client
from tanggap.complaints.open311.keys import open311_client_issue, open311_client_revoke
from tanggap.core.errors import DomainError
from tanggap.org.models import Region


class Command(BaseCommand):
    help = "Issue, list or revoke an Open311 client app's API key."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="register a client app and print its new key once")
        issue.add_argument("region", help="region slug (Open311 jurisdiction_id)")
        issue.add_argument("name", help="the client app's name")
        issue.add_argument("--key", default=None, help="use this key instead of a random one")
        listing = sub.add_parser("list", help="client apps of a region (prefixes, never keys)")
        listing.add_argument("region")
        revoke = sub.add_parser("revoke", help="stop accepting a client app's key")
        revoke.add_argument("region")
        revoke.add_argument("client", help="the key's prefix (first 8 characters) or the id")

    def handle(self, *args, action, region, **options):
        region_obj = Region.objects.filter(slug=region).first()
        if region_obj is None:
            raise CommandError(f"Unknown region {region!r}.")
        if action == "issue":
            try:
                client, key = open311_client_issue(
                    region=region_obj, name=options["name"], key=options["key"]
                )
            except DomainError as exc:
                raise CommandError(str(exc.message)) from exc
            self.stdout.write(f"Issued Open311 key for {client.name} (id {client.pk}, {region}).")
            self.stdout.write("Key (shown only now; store it in the client app):")
            self.stdout.write(key)
        elif action == "list":
            for client in Open311Client.objects.filter(region=region_obj).order_by("pk"):
                state = "active" if client.is_active else "revoked"
                self.stdout.write(f"{client.pk}\t{client.key_prefix}…\t{state}\t{client.name}")
        else:
            self._revoke(region_obj, options["client"])

    def _revoke(self, region, ref: str) -> None:
        clients = Open311Client.objects.filter(region=region)
        matches = list(clients.filter(key_prefix=ref[:8])) if len(ref) >= 8 else []
        if not matches and ref.isascii() and ref.isdigit():
            matches = list(clients.filter(pk=int(ref)))
        if not matches:
            raise CommandError(f"No Open311 client {ref!r} in {region.slug}.")
        if len(matches) > 1:
            ids = ", ".join(str(c.pk) for c in matches)
            raise CommandError(f"Prefix {ref!r} matches several clients ({ids}); give the id.")
        client = open311_client_revoke(client=matches[0])
        self.stdout.write(f"Revoked Open311 key {client.key_prefix}… of {client.name}.")
