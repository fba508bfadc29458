from django.db import models


class UnitKind(models.TextChoices):
    CITY = "city", "Thành phố"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DISTRICT = "district", "Quận, huyện (trước 2025)"
    WARD = "ward", "Phường"
    COMMUNE = "commune", "Xã"
    SPECIAL_ZONE = "special_zone", "Đặc khu"
    OFFICE = "office", "Phòng chuyên môn"
    CENTER = "center", "Trung tâm"
    RESIDENTIAL_GROUP = "residential_group", "Tổ dân phố"
    VERTICAL_AGENCY = "vertical_agency", "Cơ quan ngành dọc"
    MASS_ORG = "mass_org", "Tổ chức chính trị - xã hội"


# Units that are levels of local government (have their own People's Committee).
LEVEL_KINDS = {
    UnitKind.CITY,
    UnitKind.DISTRICT,
    UnitKind.WARD,
    UnitKind.COMMUNE,
    UnitKind.SPECIAL_ZONE,
}
# Units that belong to an emulation bloc and are ranked in the PAR Index.
RANKED_KINDS = {UnitKind.DEPARTMENT, UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE}


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class EmploymentKind(models.TextChoices):
    CADRE = "can_bo", "Cán bộ"
    CIVIL_SERVANT = "cong_chuc", "Công chức"
    PUBLIC_EMPLOYEE = "vien_chuc", "Viên chức"
    WORKER = "nguoi_lao_dong", "Người lao động"


class BlocCode(models.TextChoices):
    DEPARTMENTS = "so-nganh", "Khối Sở, ban, ngành"
    WARDS = "phuong", "Khối phường"
    COMMUNES = "xa-dac-khu", "Khối xã, đặc khu"
