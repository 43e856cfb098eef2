package dev.outdial.app.user;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class AuthController {

  private final UserService users;

  AuthController(UserService users) {
    this.users = users;
  }

  @PostMapping("/signup")
  @ResponseStatus(HttpStatus.CREATED)
  AuthResponse signup(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {
    return users.signup(request, http.getRemoteAddr());
  }

  @PostMapping("/login")
  AuthResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
    return users.login(request, http.getRemoteAddr());
  }
}
