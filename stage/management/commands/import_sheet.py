"""Import 直播脚本 spreadsheets from the command line: the web import without the preview."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stage.broadcasts import Broadcast
from stage.sheets import files
from stage.sheets.importer import Choices, prepare, save
from stage.teams import Team


class Command(BaseCommand):
    help = (
        "Import a 直播脚本 (.xlsx or .csv): each script sheet becomes a new draft broadcast of "
        "TEAM, or fills --into BROADCAST. Prints one line per broadcast; problems go to stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx or .csv file")
        parser.add_argument("--team", required=True, help="the team's id or exact name")
        parser.add_argument("--into", type=int, metavar="BROADCAST", help="a broadcast's id")

    def handle(self, *args, path, team, into, **options):
        team = self.team(team)
        broadcast = None
        if into is not None:
            broadcast = Broadcast.objects.in_use().filter(team=team, pk=into).first()
            if broadcast is None:
                raise CommandError(f"Team {team.name} has no broadcast {into}.")
        file = Path(path)
        try:
            content = file.open("rb").read(files.MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            grids = files.read_book(content, file.name)
        except files.Refused as refusal:
            raise CommandError(f"{file.name}: {refusal}") from refusal
        book = prepare(grids, file.name, Choices(), team=team, into=broadcast)
        for problem in book.problems:
            self.stderr.write(f"{file.name}: {problem}")
        for item in book.imports:
            for problem in item.problems:
                self.stderr.write(f"{file.name} “{item.show.sheet}”: {problem}")
            for row in item.bad_rows:
                for problem in row.problems:
                    self.stderr.write(
                        f"{file.name} “{item.show.sheet}” row {row.line.number}: {problem}"
                    )
        done = save(book) if not book.problems else []
        for item in done:
            b = item.broadcast
            self.stdout.write(
                f"{b.get_absolute_url()} {b.title}: {counted(len(item.segments), 'segment')} "
                f"({item.minutes} min), {counted(len(item.products), 'new product')}, "
                f"{counted(len(item.giveaways), 'giveaway')}, "
                f"{counted(len(item.bad_rows), 'row')} left out"
            )
        if not done:
            raise CommandError(f"{file.name}: nothing could be imported.")

    def team(self, key: str) -> Team:
        teams = Team.objects.filter(pk=int(key)) if key.isdigit() else Team.objects.none()
        teams = teams or Team.objects.filter(name=key)
        if len(teams) != 1:
            found = "no team" if not teams else "several teams"
            raise CommandError(f"There is {found} with the id or name “{key}”.")
        return teams[0]


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
