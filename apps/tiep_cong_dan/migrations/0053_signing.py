# Digital signatures on issued documents (print_format/signing/).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0052_request_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SealImage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "body",
                    models.CharField(
                        choices=[
                            ("committee", "Provincial People's Committee"),
                            ("board", "Citizen Reception Board"),
                        ],
                        max_length=15,
                        unique=True,
                        verbose_name="issuing body",
                    ),
                ),
                ("png", models.BinaryField(verbose_name="image (PNG)")),
                ("uploaded_at", models.DateTimeField(auto_now=True, verbose_name="uploaded at")),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "seal image",
                "verbose_name_plural": "seal images",
            },
        ),
        migrations.CreateModel(
            name="SignatureImage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("png", models.BinaryField(verbose_name="image (PNG)")),
                ("uploaded_at", models.DateTimeField(auto_now=True, verbose_name="uploaded at")),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="signature_image",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="signer",
                    ),
                ),
            ],
            options={
                "verbose_name": "signature image",
                "verbose_name_plural": "signature images",
            },
        ),
        migrations.CreateModel(
            name="DocumentSignature",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("signer", "Signer's signature"),
                            ("organisation", "Issuing body's signature"),
                        ],
                        max_length=15,
                        verbose_name="signature",
                    ),
                ),
                ("field_name", models.CharField(max_length=60, verbose_name="signature field")),
                ("device", models.CharField(max_length=10, verbose_name="signing device")),
                ("subject", models.CharField(max_length=500, verbose_name="certificate subject")),
                ("issuer", models.CharField(max_length=500, verbose_name="certificate issuer")),
                ("serial", models.CharField(max_length=80, verbose_name="certificate serial")),
                (
                    "fingerprint",
                    models.CharField(max_length=64, verbose_name="certificate SHA-256 fingerprint"),
                ),
                ("certificate_pem", models.TextField(verbose_name="certificate (PEM)")),
                ("signed_at", models.DateTimeField(verbose_name="signed at")),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("B-B", "PAdES B-B"),
                            ("B-T", "PAdES B-T"),
                            ("B-LT", "PAdES B-LT"),
                        ],
                        max_length=5,
                        verbose_name="PAdES level",
                    ),
                ),
                (
                    "file_sha256",
                    models.CharField(
                        max_length=64, verbose_name="SHA-256 of the file with this signature"
                    ),
                ),
                ("validation", models.JSONField(default=dict, verbose_name="validation result")),
                ("placement", models.JSONField(default=dict, verbose_name="placement")),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="signatures",
                        to="tiep_cong_dan.issueddocument",
                        verbose_name="issued document",
                    ),
                ),
                (
                    "signed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="signed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "document signature",
                "verbose_name_plural": "document signatures",
                "ordering": ["document", "signed_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("document", "kind"), name="document_signature_once_per_kind"
                    )
                ],
            },
        ),
    ]
