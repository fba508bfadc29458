from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "cchc.orgs"
    label = "orgs"
    verbose_name = "Tổ chức"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up).
    audit_actions = {
        "bloc.membership_set": "Xếp đơn vị vào khối thi đua",
        "person.create": "Thêm cá nhân",
        "person.import": "Nhập danh sách cá nhân",
        "person.move": "Điều chuyển cá nhân",
        "person.update": "Sửa thông tin cá nhân",
        "standing_agency.set": "Chỉ định cơ quan thường trực",
        "unit.alias_add": "Thêm tên gọi khác của đơn vị",
        "unit.alias_remove": "Xóa tên gọi khác của đơn vị",
        "unit.create": "Thêm đơn vị",
        "unit.deactivate": "Giải thể, sáp nhập đơn vị",
        "unit.import": "Nhập danh sách đơn vị",
        "unit.update": "Sửa thông tin đơn vị",
    }
