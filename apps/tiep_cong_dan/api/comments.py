"""A record's comments in the API, the same rules as its desk page:
`.../{id}/comments/` lists them in time order (GET) and posts one (POST `{"body"}`)
through `workflow.comments.post_comment`, its @mentions telling those who may see the
record. The type's rule decides who reads and who writes them; on a denunciation a
comment is masked (`body` null, `masked` true) for those not cleared, their own
excepted."""

from django.utils import translation
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from ..core.validators import SHORT_TEXT
from ..workflow import comments
from .errors import MESSAGES


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    at = serializers.DateTimeField(read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)
    author_name = serializers.SerializerMethodField()
    masked = serializers.SerializerMethodField(
        help_text="the words are hidden from this reader (a denunciation's)"
    )
    body = serializers.SerializerMethodField()

    def get_author_name(self, comment) -> str:
        return comments.display_name(comment.author)

    def get_masked(self, comment) -> bool:
        return self.context["masked"] and comment.author_id != self.context["viewer"]

    def get_body(self, comment) -> str | None:
        return None if self.get_masked(comment) else comment.body


class CommentPostSerializer(serializers.Serializer):
    # Checked (normalised, its length) by post_comment, as the desk's box is.
    body = serializers.CharField(
        max_length=SHORT_TEXT * 4,  # a body far past the limit is not even read
        trim_whitespace=False,
        help_text=f"the comment, at most {SHORT_TEXT} characters; @username mentions",
    )


POSTED = inline_serializer(
    "CommentPosted",
    {
        "comment": CommentSerializer(),
        "told": serializers.ListField(
            child=serializers.CharField(), help_text="users mentioned and notified"
        ),
        "not_told": serializers.ListField(
            child=serializers.CharField(),
            help_text="names mentioned but not notified: unknown, or not allowed to see it",
        ),
    },
)


class CommentsEndpoints:
    """Mixed into every resource's viewset (api/base.py RuleViewSet)."""

    def _comment_context(self, request, doc) -> dict:
        return {"masked": comments.masked_for(request.user, doc), "viewer": request.user.pk}

    @extend_schema(
        methods=["GET"], filters=False, request=None, responses=CommentSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"], filters=False, request=CommentPostSerializer, responses={201: POSTED}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, url_name="comments")
    def comments(self, request, pk=None):
        """The record's comments in time order (GET), or a new one (POST)."""
        doc = self.get_object()  # the rule's rows: 404 outside them
        if not comments.may_read_comments(request.user, doc):
            raise NotFound()
        context = self._comment_context(request, doc)
        if request.method == "GET":
            rows = comments.comments_of(doc)
            return Response(CommentSerializer(rows, many=True, context=context).data)
        if not comments.may_comment(request.user, doc):
            raise PermissionDenied()
        data = CommentPostSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            with translation.override("vi"):
                posted = comments.post_comment(
                    doc, by=request.user, body=data.validated_data["body"]
                )
        except comments.CommentRefused as exc:
            if exc.code == "not_allowed":
                raise PermissionDenied() from exc
            with translation.override("vi"):
                return Response(
                    {
                        "code": "invalid",
                        "message": MESSAGES["invalid"],
                        "errors": {"body": [str(m) for m in exc.messages]},
                    },
                    status=status.HTTP_400_BAD_REQUEST,
                )
        return Response(
            {
                "comment": CommentSerializer(posted.comment, context=context).data,
                "told": [u.get_username() for u in posted.told],
                "not_told": list(posted.not_told),
            },
            status=status.HTTP_201_CREATED,
        )
