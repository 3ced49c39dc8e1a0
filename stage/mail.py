"""Development mail: the console backend, written so a person can read it and follow its links."""

from django.core.mail.backends import console


class ReadableConsoleBackend(console.EmailBackend):
    """Django's console backend prints the encoded message (base64 for Chinese text): this one
    prints the sender, recipients, subject and plain-text body as they read."""

    def write_message(self, message):
        self.stream.write(
            f"From: {message.from_email}\nTo: {', '.join(message.to)}\n"
            f"Subject: {message.subject}\n\n{message.body}\n{'-' * 79}\n"
        )
