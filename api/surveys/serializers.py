"""Inputs and outputs of the surveys API (V-03, V-04). Component names start with "Survey" (unique across
the whole API schema)."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import BoundedDateField
from core import limits
from modules.surveys.group import models as g
from modules.visits.models import ANSWERS

MAX_ID = 2**63 - 1  # a bigint id: a larger number is a 400, never a database error


class SurveyOptionIn(serializers.Serializer):
    text = serializers.CharField(max_length=limits.NAME)
    grade = serializers.ChoiceField(choices=ANSWERS, required=False, allow_blank=True, default="")


class SurveyQuestionIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=g.KINDS)
    text = serializers.CharField(max_length=limits.LINE)
    required = serializers.BooleanField(required=False, default=True)
    rated = serializers.BooleanField(required=False, default=False)
    options = SurveyOptionIn(many=True, required=False, max_length=g.MAX_OPTIONS)


class SurveyQuestionnaireIn(serializers.Serializer):
    title = serializers.CharField(max_length=limits.NAME)
    intro = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
    questions = SurveyQuestionIn(many=True, required=False, max_length=g.MAX_QUESTIONS)


class SurveyOptionOut(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    grade = serializers.CharField()


class SurveyQuestionOut(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    required = serializers.BooleanField()
    rated = serializers.BooleanField()
    options = SurveyOptionOut(many=True, source="options.all")


class SurveyQuestionnaireOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    intro = serializers.CharField()
    version = serializers.IntegerField()
    previous_id = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class SurveyQuestionnaireDetailOut(SurveyQuestionnaireOut):
    questions = SurveyQuestionOut(many=True, source="questions.all")


class SurveyWaveIn(serializers.Serializer):
    questionnaire_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    title = serializers.CharField(max_length=limits.NAME)
    starts_on = BoundedDateField()
    ends_on = BoundedDateField()
    office_ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1,
                                       max_length=1000)


class SurveyWaveOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    questionnaire_id = serializers.IntegerField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    status = serializers.CharField()
    previous_id = serializers.IntegerField(allow_null=True)
    launched_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)


class SurveyRateOut(serializers.Serializer):
    """V-04: satisfied answers ÷ all answers (rate null when nobody answered)."""

    answers = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    by_answer = serializers.DictField(child=serializers.IntegerField())
    rate = serializers.FloatField(allow_null=True)


class SurveyResultOptionOut(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    grade = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)
    previous_percent = serializers.FloatField(allow_null=True)


class SurveyResultScaleOut(serializers.Serializer):
    value = serializers.IntegerField()
    count = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)


class SurveyResultQuestionOut(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    rated = serializers.BooleanField()
    answered = serializers.IntegerField()
    respondents = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True)
    options = SurveyResultOptionOut(many=True)
    scale = SurveyResultScaleOut(many=True)


class SurveyOfficeWaveOut(SurveyWaveOut):
    """An office's view of a wave: the questions and its own counts."""

    questions = SurveyQuestionOut(many=True, source="questionnaire.questions.all")


class SurveyOfficeResultsOut(serializers.Serializer):
    wave = SurveyOfficeWaveOut()
    respondents = serializers.IntegerField()
    rate = SurveyRateOut()
    results = SurveyResultQuestionOut(many=True)


class SurveyHqOfficeRowOut(serializers.Serializer):
    office_id = serializers.IntegerField()
    office_name = serializers.CharField()
    office_slug = serializers.CharField()
    respondents = serializers.IntegerField()
    counted_at = serializers.DateTimeField(allow_null=True)
    rate = SurveyRateOut(allow_null=True)
    previous_rate = SurveyRateOut(allow_null=True)


class SurveyHqResultsOut(serializers.Serializer):
    wave = SurveyWaveOut()
    previous_wave_id = serializers.IntegerField(allow_null=True)
    respondents = serializers.IntegerField()
    rate = SurveyRateOut()
    previous_rate = SurveyRateOut(allow_null=True)
    offices = SurveyHqOfficeRowOut(many=True)
    questions = SurveyResultQuestionOut(many=True)


class SurveyPaperIn(serializers.Serializer):
    household_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    answers = serializers.DictField(child=serializers.JSONField(), help_text=(
        "question id → the answer: an option id (single choice), a list of option ids (multiple choice), "
        "1–5 (scale) or text; an error names its question as field `q_<id>`"))


class SurveyResponseOut(serializers.Serializer):
    id = serializers.IntegerField()
    wave_id = serializers.IntegerField()
    household_id = serializers.IntegerField()
    channel = serializers.CharField()
    submitted_at = serializers.DateTimeField()


class SurveySummaryIn(serializers.Serializer):
    title = serializers.CharField(max_length=128)
    body = serializers.CharField(max_length=limits.TEXT)


class SurveyPublishedOut(serializers.Serializer):
    wave = SurveyWaveOut()
    offices = serializers.IntegerField()
