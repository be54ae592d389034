import django.db.models.functions.comparison
import tiep_cong_dan.core.fields
from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    """Records made twice before the index existed stop the migration with their ids:
    which record keeps the cases is the Board's decision, not the migration's."""
    citizens = apps.get_model("tiep_cong_dan", "Citizen").objects.using(
        schema_editor.connection.alias
    )
    twice = (
        citizens.exclude(id_number="")
        .values("id_kind", "id_number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    found = []
    for row in twice:
        ids = citizens.filter(id_kind=row["id_kind"], id_number=row["id_number"])
        found.append(", ".join(str(pk) for pk in ids.order_by("pk").values_list("pk", flat=True)))
    if found:
        raise RuntimeError(
            "Citizens recorded more than once with the same identity paper (ids "
            + "; ".join(found)
            + "): link their petitions to one record and correct or clear the other "
            "records' numbers, then migrate again."
        )


class Migration(migrations.Migration):
    """A citizen's identity paper number is unique in the database on MariaDB too: the
    conditional constraint before it ("unique when not blank") exists only on SQLite,
    MariaDB having no partial indexes (Django's W036). A stored generated column holds
    the number, or NULL when blank, under a plain unique index on every database.

    Then typed text normalised and held to a length (core/fields.py): the database
    types stay (a TextField's length is enforced by validation, not by the column), so
    on MariaDB these changes issue no SQL."""

    dependencies = [
        ("tiep_cong_dan", "0014_outbox"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="citizen",
            name="citizen_id_unique",
        ),
        migrations.AddField(
            model_name="citizen",
            name="id_number_key",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.comparison.NullIf(
                    "id_number", models.Value("")
                ),
                output_field=models.CharField(max_length=20),
            ),
        ),
        migrations.AddConstraint(
            model_name="citizen",
            constraint=models.UniqueConstraint(
                fields=("id_kind", "id_number_key"),
                name="citizen_id_unique",
                violation_error_code="duplicate_id_number",
                violation_error_message=(
                    "A citizen with this identity paper and number is already recorded."
                ),
            ),
        ),
        migrations.AlterField(
            model_name="agency",
            name="address",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=255, verbose_name="address"
            ),
        ),
        migrations.AlterField(
            model_name="agency",
            name="head_title",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=100, verbose_name="title of the head"
            ),
        ),
        migrations.AlterField(
            model_name="agency",
            name="name",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="agency",
            name="short_name",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=60, verbose_name="short name"
            ),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="attendees",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=2000, verbose_name="who attends at the point"
            ),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="conclusion_draft",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True,
                help_text="Taken down during the hearing; it opens the Result Notice's draft.",
                max_length=10000,
                verbose_name="the Chairman's conclusion, as said",
            ),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="minutes",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=20000, verbose_name="minutes of the hearing"
            ),
        ),
        migrations.AlterField(
            model_name="assignment",
            name="report",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=10000, verbose_name="agency's report"
            ),
        ),
        migrations.AlterField(
            model_name="assignment",
            name="task",
            field=tiep_cong_dan.core.fields.LongTextField(max_length=5000, verbose_name="task"),
        ),
        migrations.AlterField(
            model_name="bridgepoint",
            name="address",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=255, verbose_name="address"
            ),
        ),
        migrations.AlterField(
            model_name="bridgepoint",
            name="contact_name",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=120, verbose_name="contact person"
            ),
        ),
        migrations.AlterField(
            model_name="bridgepoint",
            name="name",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="bridgepoint",
            name="notes",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=2000, verbose_name="notes"
            ),
        ),
        migrations.AlterField(
            model_name="bridgepoint",
            name="retirement_reason",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=255, verbose_name="retirement reason"
            ),
        ),
        migrations.AlterField(
            model_name="calendarday",
            name="decision",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=200, verbose_name="decision reference"
            ),
        ),
        migrations.AlterField(
            model_name="calendarday",
            name="name",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="citizen",
            name="address",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=255, verbose_name="address"),
        ),
        migrations.AlterField(
            model_name="citizen",
            name="full_name",
            field=tiep_cong_dan.core.fields.ShortTextField(
                db_index=True, max_length=120, verbose_name="full name"
            ),
        ),
        migrations.AlterField(
            model_name="conclusion",
            name="text",
            field=tiep_cong_dan.core.fields.LongTextField(
                max_length=10000, verbose_name="the Chairman's conclusion"
            ),
        ),
        migrations.AlterField(
            model_name="connectiontest",
            name="notes",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=2000, verbose_name="notes"
            ),
        ),
        migrations.AlterField(
            model_name="historicalagency",
            name="address",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=255, verbose_name="address"
            ),
        ),
        migrations.AlterField(
            model_name="historicalagency",
            name="head_title",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=100, verbose_name="title of the head"
            ),
        ),
        migrations.AlterField(
            model_name="historicalagency",
            name="name",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="historicalagency",
            name="short_name",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=60, verbose_name="short name"
            ),
        ),
        migrations.AlterField(
            model_name="historicalagendaitem",
            name="attendees",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=2000, verbose_name="who attends at the point"
            ),
        ),
        migrations.AlterField(
            model_name="historicalagendaitem",
            name="conclusion_draft",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True,
                help_text="Taken down during the hearing; it opens the Result Notice's draft.",
                max_length=10000,
                verbose_name="the Chairman's conclusion, as said",
            ),
        ),
        migrations.AlterField(
            model_name="historicalagendaitem",
            name="minutes",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=20000, verbose_name="minutes of the hearing"
            ),
        ),
        migrations.AlterField(
            model_name="historicalassignment",
            name="report",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=10000, verbose_name="agency's report"
            ),
        ),
        migrations.AlterField(
            model_name="historicalassignment",
            name="task",
            field=tiep_cong_dan.core.fields.LongTextField(max_length=5000, verbose_name="task"),
        ),
        migrations.AlterField(
            model_name="historicalbridgepoint",
            name="address",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=255, verbose_name="address"
            ),
        ),
        migrations.AlterField(
            model_name="historicalbridgepoint",
            name="contact_name",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=120, verbose_name="contact person"
            ),
        ),
        migrations.AlterField(
            model_name="historicalbridgepoint",
            name="name",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="historicalbridgepoint",
            name="notes",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=2000, verbose_name="notes"
            ),
        ),
        migrations.AlterField(
            model_name="historicalbridgepoint",
            name="retirement_reason",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=255, verbose_name="retirement reason"
            ),
        ),
        migrations.AlterField(
            model_name="historicalcalendarday",
            name="decision",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=200, verbose_name="decision reference"
            ),
        ),
        migrations.AlterField(
            model_name="historicalcalendarday",
            name="name",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="historicalcitizen",
            name="address",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=255, verbose_name="address"),
        ),
        migrations.AlterField(
            model_name="historicalcitizen",
            name="full_name",
            field=tiep_cong_dan.core.fields.ShortTextField(
                db_index=True, max_length=120, verbose_name="full name"
            ),
        ),
        migrations.AlterField(
            model_name="historicalconclusion",
            name="text",
            field=tiep_cong_dan.core.fields.LongTextField(
                max_length=10000, verbose_name="the Chairman's conclusion"
            ),
        ),
        migrations.AlterField(
            model_name="historicalconnectiontest",
            name="notes",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=2000, verbose_name="notes"
            ),
        ),
        migrations.AlterField(
            model_name="historicalinvitation",
            name="message",
            field=tiep_cong_dan.core.fields.LongTextField(
                max_length=5000, verbose_name="what they are told"
            ),
        ),
        migrations.AlterField(
            model_name="historicalmonthlyreport",
            name="remarks",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True,
                help_text="Section III of the report, written by the Board.",
                max_length=10000,
                verbose_name="assessment and proposals",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpetition",
            name="content",
            field=tiep_cong_dan.core.fields.LongTextField(max_length=20000, verbose_name="content"),
        ),
        migrations.AlterField(
            model_name="historicalpetition",
            name="earlier_handling",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=5000, verbose_name="earlier handling"
            ),
        ),
        migrations.AlterField(
            model_name="historicalpetition",
            name="people_concerned",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True,
                max_length=2000,
                verbose_name="people and bodies complained of or denounced",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpetition",
            name="refusal_notice_number",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=60, verbose_name="refusal notice number"
            ),
        ),
        migrations.AlterField(
            model_name="historicalpetition",
            name="reply_letter_number",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=60, verbose_name="reply letter number"
            ),
        ),
        migrations.AlterField(
            model_name="historicalpetition",
            name="reply_reason",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=5000, verbose_name="reason given to the citizen"
            ),
        ),
        migrations.AlterField(
            model_name="historicalpetition",
            name="summary",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=300, verbose_name="summary"),
        ),
        migrations.AlterField(
            model_name="historicalpetition",
            name="transfer_letter",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=120, verbose_name="transfer letter (number and date)"
            ),
        ),
        migrations.AlterField(
            model_name="historicalpetitionattachment",
            name="title",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="historicalpetitionrepresentative",
            name="appointment_paper",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True,
                help_text="The paper signed by the petitioners appointing the representative.",
                max_length=255,
                verbose_name="appointment paper",
            ),
        ),
        migrations.AlterField(
            model_name="historicalreceptionsession",
            name="notes",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=5000, verbose_name="notes"
            ),
        ),
        migrations.AlterField(
            model_name="historicalreceptionsession",
            name="presiding_official",
            field=tiep_cong_dan.core.fields.ShortTextField(
                max_length=150, verbose_name="presiding official"
            ),
        ),
        migrations.AlterField(
            model_name="historicalreceptionsession",
            name="recording_reference",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True,
                help_text="Where the recording is kept on state infrastructure (Decree 154 Art. 24).",
                max_length=255,
                verbose_name="recording reference",
            ),
        ),
        migrations.AlterField(
            model_name="historicalresultnotice",
            name="recipients",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=2000, verbose_name="recipients"
            ),
        ),
        migrations.AlterField(
            model_name="historicalresultnotice",
            name="signer_name",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=120, verbose_name="signed by"
            ),
        ),
        migrations.AlterField(
            model_name="historicalresultnotice",
            name="signer_title",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=120, verbose_name="signer's title"
            ),
        ),
        migrations.AlterField(
            model_name="invitation",
            name="message",
            field=tiep_cong_dan.core.fields.LongTextField(
                max_length=5000, verbose_name="what they are told"
            ),
        ),
        migrations.AlterField(
            model_name="monthlyreport",
            name="remarks",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True,
                help_text="Section III of the report, written by the Board.",
                max_length=10000,
                verbose_name="assessment and proposals",
            ),
        ),
        migrations.AlterField(
            model_name="petition",
            name="content",
            field=tiep_cong_dan.core.fields.LongTextField(max_length=20000, verbose_name="content"),
        ),
        migrations.AlterField(
            model_name="petition",
            name="earlier_handling",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=5000, verbose_name="earlier handling"
            ),
        ),
        migrations.AlterField(
            model_name="petition",
            name="people_concerned",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True,
                max_length=2000,
                verbose_name="people and bodies complained of or denounced",
            ),
        ),
        migrations.AlterField(
            model_name="petition",
            name="refusal_notice_number",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=60, verbose_name="refusal notice number"
            ),
        ),
        migrations.AlterField(
            model_name="petition",
            name="reply_letter_number",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=60, verbose_name="reply letter number"
            ),
        ),
        migrations.AlterField(
            model_name="petition",
            name="reply_reason",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=5000, verbose_name="reason given to the citizen"
            ),
        ),
        migrations.AlterField(
            model_name="petition",
            name="summary",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=300, verbose_name="summary"),
        ),
        migrations.AlterField(
            model_name="petition",
            name="transfer_letter",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=120, verbose_name="transfer letter (number and date)"
            ),
        ),
        migrations.AlterField(
            model_name="petitionattachment",
            name="title",
            field=tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="petitionrepresentative",
            name="appointment_paper",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True,
                help_text="The paper signed by the petitioners appointing the representative.",
                max_length=255,
                verbose_name="appointment paper",
            ),
        ),
        migrations.AlterField(
            model_name="receptionsession",
            name="notes",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=5000, verbose_name="notes"
            ),
        ),
        migrations.AlterField(
            model_name="receptionsession",
            name="presiding_official",
            field=tiep_cong_dan.core.fields.ShortTextField(
                max_length=150, verbose_name="presiding official"
            ),
        ),
        migrations.AlterField(
            model_name="receptionsession",
            name="recording_reference",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True,
                help_text="Where the recording is kept on state infrastructure (Decree 154 Art. 24).",
                max_length=255,
                verbose_name="recording reference",
            ),
        ),
        migrations.AlterField(
            model_name="resultnotice",
            name="recipients",
            field=tiep_cong_dan.core.fields.LongTextField(
                blank=True, max_length=2000, verbose_name="recipients"
            ),
        ),
        migrations.AlterField(
            model_name="resultnotice",
            name="signer_name",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=120, verbose_name="signed by"
            ),
        ),
        migrations.AlterField(
            model_name="resultnotice",
            name="signer_title",
            field=tiep_cong_dan.core.fields.ShortTextField(
                blank=True, max_length=120, verbose_name="signer's title"
            ),
        ),
    ]
