// Shared behaviour: confirmation before destructive htmx actions is handled by hx-confirm.
document.addEventListener("htmx:responseError", function (evt) {
  alert("Có lỗi xảy ra (" + evt.detail.xhr.status + "). Vui lòng thử lại.");
});
