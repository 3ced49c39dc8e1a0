import os

from django.core.wsgi import get_wsgi_application

from stage.memory import freeze_what_is_loaded

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stage.settings")
application = get_wsgi_application()
freeze_what_is_loaded()
