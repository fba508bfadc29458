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

// Confirmation steps declared in the markup, never in inline scripts:
// - a form or button with data-confirm="…" asks before it is submitted;
// - a select with data-confirm="…" and data-confirm-unless="value" asks only when another value is chosen
//   (reopening a finished task from its progress form).
document.addEventListener("submit", function (evt) {
  var form = evt.target;
  var ask = "";
  if (form.dataset && form.dataset.confirm) ask = form.dataset.confirm;
  form.querySelectorAll("select[data-confirm]").forEach(function (select) {
    if (select.dataset.confirm && select.value !== select.dataset.confirmUnless) ask = select.dataset.confirm;
  });
  var submitter = evt.submitter;
  if (submitter && submitter.dataset && submitter.dataset.confirm) ask = submitter.dataset.confirm;
  if (ask && !window.confirm(ask)) evt.preventDefault();
}, true);
