"""The surveys API (V-03, V-04). Office host (/api/v1/surveys/): the waves addressed to the office, its own
results, paper answers. Head-office host (/api/v1/surveys/): questionnaires, waves, results from the
pushed counts, close and publish. Thin views over modules/surveys; errors in the one shape of api/errors.py."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.pagination import Pagination
from api.surveys import serializers as s
from modules.surveys import selectors, services
from modules.surveys.export import XLSX_TYPE, download, hq_wave_xlsx, office_answers_xlsx
from modules.surveys.group import services as group_services
from tenants import bridge

# --- office host -----------------------------------------------------------------------------------------

class OfficeWaveListApi(TenantAPIView):
    required_perm = "surveys.view"
    pagination_class = Pagination

    @extend_schema(responses=s.SurveyWaveOut(many=True))
    def get(self, request):
        return self.paginate(selectors.office_waves(office=request.tenant), s.SurveyWaveOut)


class OfficeWaveApi(TenantAPIView):
    """A wave addressed to this office with the office's own counts (404 for any other wave)."""

    required_perm = "surveys.view"

    @extend_schema(responses=s.SurveyOfficeResultsOut)
    def get(self, request, pk: int):
        wave = selectors.office_wave_get(office=request.tenant, wave_id=pk)
        counts = selectors.wave_counts(wave=wave)
        return Response(s.SurveyOfficeResultsOut({
            "wave": wave, "respondents": counts["respondents"],
            "rate": selectors.wave_rate(wave=wave, by_answer=counts["by_answer"]),
            "results": selectors.question_rows(wave=wave, questions_counts=counts["questions"],
                                               respondents=counts["respondents"])}).data)


class OfficeAnswersExportApi(TenantAPIView):
    """V-03: the office's own answer sheets of a wave as .xlsx, one row per household, free text included
    (404 for a wave not addressed to this office)."""

    required_perm = "surveys.export"

    @extend_schema(responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="答卷明细 .xlsx")})
    def get(self, request, pk: int):
        wave = selectors.office_wave_get(office=request.tenant, wave_id=pk)
        handle = office_answers_xlsx(wave=wave, office_name=request.tenant.name,
                                     sheet=selectors.office_answer_sheet(wave=wave))
        return download(handle, name=f"{wave.title}-答卷明细.xlsx", fallback=f"survey-{wave.pk}-answers.xlsx")


class OfficePaperApi(TenantAPIView):
    """V-03: staff enter a household's paper answers (once per household: 409 `already_answered`)."""

    required_perm = "surveys.enter"

    @extend_schema(request=s.SurveyPaperIn, responses={201: s.SurveyResponseOut})
    def post(self, request, pk: int):
        data = self.validated(s.SurveyPaperIn)
        row = services.response_enter_paper(user=request.user, office=request.tenant, wave_id=pk,
                                            household_id=data["household_id"], answers=data["answers"])
        return Response(s.SurveyResponseOut(row).data, status=status.HTTP_201_CREATED)


# --- head-office host -----------------------------------------------------------------------------------

class QuestionnaireListApi(TenantAPIView):
    required_perm = {"GET": "hq.surveys_results", "POST": "hq.surveys_design"}
    pagination_class = Pagination

    @extend_schema(responses=s.SurveyQuestionnaireOut(many=True))
    def get(self, request):
        return self.paginate(selectors.questionnaire_list(), s.SurveyQuestionnaireOut)

    @extend_schema(request=s.SurveyQuestionnaireIn, responses={201: s.SurveyQuestionnaireDetailOut})
    def post(self, request):
        data = self.validated(s.SurveyQuestionnaireIn)
        item = group_services.questionnaire_create(user=request.user, title=data["title"], intro=data["intro"],
                                                   questions=[dict(q) for q in data.get("questions", [])])
        return Response(s.SurveyQuestionnaireDetailOut(selectors.questionnaire_get(pk=item.pk)).data,
                        status=status.HTTP_201_CREATED)


class QuestionnaireApi(TenantAPIView):
    required_perm = "hq.surveys_results"

    @extend_schema(responses=s.SurveyQuestionnaireDetailOut)
    def get(self, request, pk: int):
        return Response(s.SurveyQuestionnaireDetailOut(selectors.questionnaire_get(pk=pk)).data)


class QuestionAddApi(TenantAPIView):
    """Add a question to a draft questionnaire (409 `questionnaire_frozen` once a wave used it)."""

    required_perm = "hq.surveys_design"

    @extend_schema(request=s.SurveyQuestionIn, responses={201: s.SurveyQuestionnaireDetailOut})
    def post(self, request, pk: int):
        data = self.validated(s.SurveyQuestionIn)
        group_services.questionnaire_question_add(user=request.user, questionnaire_id=pk, question=dict(data))
        return Response(s.SurveyQuestionnaireDetailOut(selectors.questionnaire_get(pk=pk)).data,
                        status=status.HTTP_201_CREATED)


class QuestionnaireVersionApi(TenantAPIView):
    """A new draft version copied from a (frozen) questionnaire."""

    required_perm = "hq.surveys_design"

    @extend_schema(request=None, responses={201: s.SurveyQuestionnaireDetailOut})
    def post(self, request, pk: int):
        copy = group_services.questionnaire_version_new(user=request.user, questionnaire_id=pk)
        return Response(s.SurveyQuestionnaireDetailOut(selectors.questionnaire_get(pk=copy.pk)).data,
                        status=status.HTTP_201_CREATED)


class WaveListApi(TenantAPIView):
    required_perm = {"GET": "hq.surveys_results", "POST": "hq.surveys_design"}
    pagination_class = Pagination

    @extend_schema(responses=s.SurveyWaveOut(many=True))
    def get(self, request):
        return self.paginate(selectors.wave_list(), s.SurveyWaveOut)

    @extend_schema(request=s.SurveyWaveIn, responses={201: s.SurveyWaveOut})
    def post(self, request):
        wave = group_services.wave_launch(user=request.user, **self.validated(s.SurveyWaveIn))
        return Response(s.SurveyWaveOut(wave).data, status=status.HTTP_201_CREATED)


class WaveResultsApi(TenantAPIView):
    """V-03, V-04: per office, per question and group-wide, with the previous wave (pushed counts only)."""

    required_perm = "hq.surveys_results"

    @extend_schema(responses=s.SurveyHqResultsOut)
    def get(self, request, pk: int):
        wave = selectors.wave_get(pk=pk)
        results = selectors.hq_wave_results(wave=wave)
        return Response(s.SurveyHqResultsOut({**results, "wave": wave, "previous_wave_id": wave.previous_id}).data)


class WaveResultsExportApi(TenantAPIView):
    """V-03, V-04: the wave's results as .xlsx (per question and option against the previous wave, per
    office), from the pushed counts only."""

    required_perm = "hq.surveys_results"

    @extend_schema(responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="调查结果 .xlsx")})
    def get(self, request, pk: int):
        wave = selectors.wave_get(pk=pk)
        handle = hq_wave_xlsx(wave=wave, results=selectors.hq_wave_results(wave=wave))
        return download(handle, name=f"{wave.title}-调查结果.xlsx", fallback=f"survey-{wave.pk}-results.xlsx")


class WaveCloseApi(TenantAPIView):
    required_perm = "hq.surveys_design"

    @extend_schema(request=None, responses=s.SurveyWaveOut)
    def post(self, request, pk: int):
        return Response(s.SurveyWaveOut(group_services.wave_close(user=request.user, wave_id=pk)).data)


class WavePublishApi(TenantAPIView):
    """F-06: the summary as a notice on every office's board of the wave (a closed wave only)."""

    required_perm = "hq.surveys_design"

    @extend_schema(request=s.SurveySummaryIn, responses=s.SurveyPublishedOut)
    def post(self, request, pk: int):
        data = self.validated(s.SurveySummaryIn)
        count = bridge.survey_summary_publish(wave_id=pk, by_user=request.user, **data)
        return Response(s.SurveyPublishedOut({"wave": selectors.wave_get(pk=pk), "offices": count}).data)
