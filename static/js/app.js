// Shared behaviour: confirmation before destructive htmx actions is handled by hx-confirm.
document.addEventListener("htmx:responseError", function (evt) {
  alert("Có lỗi xảy ra (" + evt.detail.xhr.status + "). Vui lòng thử lại.");
});

// File inputs speak Vietnamese whatever the browser's language: a "Chọn tệp" button and the chosen names beside
// it. The native input stays in the form (visually hidden) and still receives the files.
function cchcFileInputs(root) {
  root.querySelectorAll('input[type="file"]:not([data-cchc-file])').forEach(function (input) {
    input.setAttribute("data-cchc-file", "1");
    var group = document.createElement("div");
    group.className = "input-group cchc-file";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-primary";
    button.innerHTML = '<i class="bi bi-paperclip"></i> Chọn tệp';
    var names = document.createElement("input");
    names.type = "text";
    names.readOnly = true;
    names.tabIndex = -1;
    names.className = "form-control bg-body";
    names.setAttribute("aria-hidden", "true");
    var empty = input.multiple ? "Chưa chọn tệp nào (có thể chọn nhiều tệp)" : "Chưa chọn tệp";
    names.value = empty;
    input.parentNode.insertBefore(group, input);
    group.appendChild(button);
    group.appendChild(names);
    group.appendChild(input);
    input.classList.add("visually-hidden");
    button.addEventListener("click", function () { input.click(); });
    names.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      var list = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
      names.value = list.length ? list.join("; ") : empty;
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { cchcFileInputs(document); });
document.addEventListener("htmx:afterSwap", function (evt) { cchcFileInputs(evt.target); });

// No inline script anywhere (the Content-Security-Policy forbids it): behaviour is declared with data attributes.

// Confirmation before a form is sent: data-confirm="Câu hỏi?" on the <form> or on the submit button pressed.
// data-confirm-unless="status=done" skips the question when that field of the form holds that value.
document.addEventListener("submit", function (evt) {
  var form = evt.target;
  var button = evt.submitter;
  var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  // A select with data-confirm asks only when a value other than its data-confirm-unless is chosen
  // (reopening a finished task from its progress form).
  form.querySelectorAll("select[data-confirm]").forEach(function (select) {
    if (select.value !== select.getAttribute("data-confirm-unless")) {
      question = question || select.getAttribute("data-confirm");
    }
  });
  if (!question) { return; }
  var unless = form.getAttribute("data-confirm-unless");
  if (unless) {
    var parts = unless.split("=");
    var field = form.elements[parts[0]];
    if (field && field.value === parts.slice(1).join("=")) { return; }
  }
  if (!window.confirm(question)) {
    evt.preventDefault();
    evt.stopImmediatePropagation();
  }
}, true);

// A <button data-print> opens the browser's print dialog (the honour board is printable).
document.addEventListener("click", function (evt) {
  var el = evt.target && evt.target.closest ? evt.target.closest("[data-print]") : null;
  if (el) { window.print(); }
});

// A <select data-autosubmit> sends its form as soon as a value is chosen.
document.addEventListener("change", function (evt) {
  var el = evt.target;
  if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) { el.form.submit(); }
});

// Bootstrap classes on the controls Django renders. A page including components/form_fields.html carries
// [data-cchc-form-fields] and styles every form on the page, as that component always did; a form marked
// [data-cchc-controls] styles its own ("checks" adds form-check-input to its checkboxes) and the controls inside
// [data-cchc-controls-sm] are small.
function cchcStyleForm(form, checks) {
  form.querySelectorAll("input:not([type=checkbox]):not([type=radio]):not([type=hidden]), textarea")
    .forEach(function (e) { e.classList.add("form-control"); });
  form.querySelectorAll("select").forEach(function (e) { e.classList.add("form-select"); });
  if (checks) {
    form.querySelectorAll("input[type=checkbox]").forEach(function (e) { e.classList.add("form-check-input"); });
  }
  form.querySelectorAll("[data-cchc-controls-sm] input:not([type=checkbox]), [data-cchc-controls-sm] select, " +
    "[data-cchc-controls-sm] textarea").forEach(function (e) { e.classList.add("form-control-sm"); });
}
function cchcControls() {
  if (document.querySelector("[data-cchc-form-fields]")) {
    document.querySelectorAll("form").forEach(function (f) { cchcStyleForm(f, false); });
  }
  document.querySelectorAll("form[data-cchc-controls]").forEach(function (f) {
    cchcStyleForm(f, f.getAttribute("data-cchc-controls") === "checks");
  });
}
document.addEventListener("DOMContentLoaded", cchcControls);
document.addEventListener("htmx:afterSwap", cchcControls);

// The browser's own validation messages come in the browser's language: give Vietnamese ones whatever it is.
var CCHC_VALIDITY = {
  valueMissing: "Vui lòng điền vào ô này.",
  valueMissingChoice: "Vui lòng chọn một mục trong danh sách.",
  valueMissingCheck: "Vui lòng đánh dấu ô này nếu muốn tiếp tục.",
  valueMissingFile: "Vui lòng chọn tệp.",
  typeMismatch: "Giá trị chưa đúng định dạng.",
  typeMismatchEmail: "Địa chỉ thư điện tử chưa đúng (ví dụ: ten@donvi.gov.vn).",
  patternMismatch: "Giá trị chưa đúng định dạng yêu cầu.",
  tooLong: "Nội dung quá dài.",
  tooShort: "Nội dung quá ngắn.",
  rangeUnderflow: "Giá trị nhỏ hơn mức tối thiểu cho phép.",
  rangeOverflow: "Giá trị lớn hơn mức tối đa cho phép.",
  stepMismatch: "Giá trị không hợp lệ.",
  badInput: "Vui lòng nhập một số."
};
function cchcValidityMessage(el) {
  var v = el.validity;
  if (v.valueMissing) {
    if (el.dataset.requiredMessage) return el.dataset.requiredMessage;
    if (el.tagName === "SELECT") return CCHC_VALIDITY.valueMissingChoice;
    if (el.type === "checkbox" || el.type === "radio") return CCHC_VALIDITY.valueMissingCheck;
    if (el.type === "file") return CCHC_VALIDITY.valueMissingFile;
    return CCHC_VALIDITY.valueMissing;
  }
  if (v.typeMismatch) return el.type === "email" ? CCHC_VALIDITY.typeMismatchEmail : CCHC_VALIDITY.typeMismatch;
  if (v.patternMismatch) return el.title || CCHC_VALIDITY.patternMismatch;
  if (v.tooLong) return CCHC_VALIDITY.tooLong;
  if (v.tooShort) return CCHC_VALIDITY.tooShort;
  if (v.rangeUnderflow) return CCHC_VALIDITY.rangeUnderflow + (el.min ? " (" + el.min + ")" : "");
  if (v.rangeOverflow) return CCHC_VALIDITY.rangeOverflow + (el.max ? " (" + el.max + ")" : "");
  if (v.stepMismatch) return CCHC_VALIDITY.stepMismatch;
  if (v.badInput) return CCHC_VALIDITY.badInput;
  return "";
}
document.addEventListener("invalid", function (evt) {
  var el = evt.target;
  if (!el.setCustomValidity) return;
  el.setCustomValidity("");
  if (!el.validity.valid) el.setCustomValidity(cchcValidityMessage(el));
}, true);
["input", "change"].forEach(function (name) {
  document.addEventListener(name, function (evt) {
    if (evt.target.setCustomValidity) evt.target.setCustomValidity("");
  }, true);
});
